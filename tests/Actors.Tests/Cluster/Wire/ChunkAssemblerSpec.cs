using ShampooActors.Actors.Cluster.Wire;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>The reassembly side on its own: inconsistent chunks, bounded memory, dropping, late duplicates.</summary>
public sealed class ChunkAssemblerSpec
{
    private const string Job = WireSamples.Job;

    /// <summary>The chunks of a <paramref name="length"/>-byte message of bytes 1, 2, 3, … cut every <paramref name="size"/> bytes.</summary>
    private static ChunkMessage[] Chunks(string id, int length, int size)
    {
        var whole = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        var count = (length + size - 1) / size;
        return Enumerable.Range(0, count).Select(i => new ChunkMessage(Job, id, i, count, length, whole.Skip(i * size).Take(size).ToArray())).ToArray();
    }

    private static ChunkAssembler Assembler(int maxIncomplete = 4) => new(WireLimits.Default, maxIncomplete);

    [Fact]
    public void A_chunk_whose_count_differs_from_its_messages_is_refused_and_the_message_dropped()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0]);

        var error = Assert.Throws<InvalidChunkException>(() => assembler.Add(chunks[1] with { Count = 4 }));

        Assert.Contains("counts 4 chunks", error.Message);
        Assert.Equal(0, assembler.IncompleteCount);
    }

    [Fact]
    public void A_chunk_whose_total_differs_from_its_messages_is_refused()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0]);

        Assert.Contains("31 bytes", Assert.Throws<InvalidChunkException>(() => assembler.Add(chunks[1] with { TotalBytes = 31 })).Message);
    }

    [Fact]
    public void A_chunk_of_another_job_with_the_same_message_id_is_refused()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0]);

        Assert.Contains("job", Assert.Throws<InvalidChunkException>(() => assembler.Add(chunks[1] with { Job = "other" })).Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_chunk_index_out_of_range_is_refused(int index)
    {
        var chunk = Chunks("m", 30, 10)[0] with { Index = index };

        Assert.Contains("index", Assert.Throws<InvalidChunkException>(() => Assembler().Add(chunk)).Message);
    }

    [Fact]
    public void Chunks_beyond_the_limits_are_refused()
    {
        var assembler = new ChunkAssembler(WireLimits.Default with { MaxChunks = 2, MaxMessageBytes = 25 });

        Assert.Throws<InvalidChunkException>(() => assembler.Add(Chunks("m", 30, 10)[0]));
        Assert.Throws<InvalidChunkException>(() => assembler.Add(Chunks("n", 24, 8)[0]));
        Assert.Throws<InvalidChunkException>(() => assembler.Add(Chunks("o", 20, 10)[0] with { Data = [] }));
        Assert.Null(assembler.Add(Chunks("p", 20, 10)[0]));
    }

    [Fact]
    public void A_duplicate_with_other_data_is_refused_and_an_identical_one_ignored()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0]);

        Assert.Null(assembler.Add(chunks[0] with { Data = (byte[])chunks[0].Data.Clone() }));
        Assert.Throws<InvalidChunkException>(() => assembler.Add(chunks[0] with { Data = new byte[10] }));
    }

    [Fact]
    public void Chunks_whose_data_falls_short_of_the_total_are_refused_when_the_last_arrives()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0]);
        assembler.Add(chunks[1]);

        Assert.Contains("23 bytes", Assert.Throws<InvalidChunkException>(() => assembler.Add(chunks[2] with { Data = [1, 2, 3] })).Message);
    }

    [Fact]
    public void Chunks_whose_data_exceeds_the_total_are_refused_as_soon_as_it_does()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0] with { Data = new byte[25] });

        Assert.Throws<InvalidChunkException>(() => assembler.Add(chunks[1]));
    }

    [Fact]
    public void At_most_the_configured_number_of_messages_wait_and_the_oldest_is_dropped_first()
    {
        var messages = Enumerable.Range(0, 4).Select(i => Chunks($"m{i}", 30, 10)).ToArray();
        var assembler = Assembler(maxIncomplete: 3);

        foreach (var message in messages)
            Assert.Null(assembler.Add(message[0]));

        Assert.Equal(3, assembler.IncompleteCount);
        // m0 lost its first chunk: its others start it over and cannot complete it.
        Assert.Null(assembler.Add(messages[0][1]));
        Assert.Null(assembler.Add(messages[0][2]));
        Assert.Equal(3, assembler.IncompleteCount);
        // m1 was the oldest then and is gone too; m3 still completes.
        Assert.Null(assembler.Add(messages[1][1]));
        Assert.Null(assembler.Add(messages[1][2]));
        Assert.Null(assembler.Add(messages[3][1]));
        Assert.NotNull(assembler.Add(messages[3][2]));
    }

    [Fact]
    public void Memory_stays_bounded_under_a_stream_of_never_completed_messages()
    {
        var assembler = Assembler(maxIncomplete: 2);

        for (var i = 0; i < 1000; i++)
            assembler.Add(Chunks($"m{i}", 30, 10)[1]);

        Assert.Equal(2, assembler.IncompleteCount);
    }

    [Fact]
    public void A_dropped_message_is_forgotten_and_its_later_chunks_start_over()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        assembler.Add(chunks[0]);
        assembler.Add(chunks[1]);

        Assert.True(assembler.Drop("m"));
        Assert.False(assembler.Drop("m"));
        Assert.Equal(0, assembler.IncompleteCount);
        Assert.Null(assembler.Add(chunks[2]));
        Assert.Null(assembler.Add(chunks[1]));
        Assert.NotNull(assembler.Add(chunks[0]));
    }

    [Fact]
    public void A_late_duplicate_of_a_completed_message_is_ignored()
    {
        var chunks = Chunks("m", 30, 10);
        var assembler = Assembler();
        Assert.NotNull(chunks.Select(assembler.Add).ToArray()[^1]);

        Assert.Null(assembler.Add(chunks[1]));
        Assert.Equal(0, assembler.IncompleteCount);
    }

    [Fact]
    public void A_one_chunk_message_completes_at_once()
    {
        var chunk = Chunks("m", 7, 10)[0];

        Assert.Equal(chunk.Data, Assembler().Add(chunk));
    }
}
