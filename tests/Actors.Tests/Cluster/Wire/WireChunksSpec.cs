using ShampooActors.Actors.Cluster.Wire;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>Splitting an encoded envelope into chunk envelopes and reassembling it, whatever the order, duplicates and sizes.</summary>
public sealed class WireChunksSpec
{
    private static readonly byte[] Whole = WireFormat.Encode(WireSamples.Snapshot(new Random(50), 20));

    private static ChunkMessage Decode(byte[] chunkEnvelope)
    {
        Assert.True(WireFormat.TryDecode(chunkEnvelope, WireLimits.Default, out var message, out var error), error);
        return Assert.IsType<ChunkMessage>(message);
    }

    /// <summary>Feeds every chunk in order and returns what the assembler gave back for each.</summary>
    private static byte[]?[] Feed(ChunkAssembler assembler, IEnumerable<byte[]> chunks) => chunks.Select(c => assembler.Add(Decode(c))).ToArray();

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void A_chunk_size_one_byte_below_at_or_above_the_envelope_gives_two_or_one_chunks_that_reassemble_it(int chunkSizeOffset, int expectedChunks)
    {
        var chunks = WireChunks.Split(WireSamples.Job, Whole, Whole.Length + chunkSizeOffset, "m1");

        Assert.Equal(expectedChunks, chunks.Count);
        var results = Feed(new ChunkAssembler(WireLimits.Default), chunks);
        Assert.All(results[..^1], Assert.Null);
        Assert.Equal(Whole, results[^1]);
    }

    [Fact]
    public void Every_chunk_holds_chunk_size_bytes_but_the_last_with_its_index_count_and_the_total()
    {
        const int chunkSize = 1000;
        var decoded = WireChunks.Split(WireSamples.Job, Whole, chunkSize, "m2").Select(Decode).ToArray();
        var expectedCount = (Whole.Length + chunkSize - 1) / chunkSize;

        Assert.Equal(expectedCount, decoded.Length);
        for (var i = 0; i < decoded.Length; i++)
        {
            Assert.Equal((WireSamples.Job, "m2", i, expectedCount, (long)Whole.Length), (decoded[i].Job, decoded[i].MessageId, decoded[i].Index, decoded[i].Count, decoded[i].TotalBytes));
            Assert.Equal(Whole.AsSpan(i * chunkSize, System.Math.Min(chunkSize, Whole.Length - i * chunkSize)).ToArray(), decoded[i].Data);
        }
    }

    [Fact]
    public void Shuffled_chunks_with_duplicates_reassemble_once_into_a_message_that_decodes_to_the_original()
    {
        var random = new Random(51);
        var sent = WireSamples.Snapshot(random, 40, 7);
        var whole = WireFormat.Encode(sent);
        var chunks = WireChunks.Split(WireSamples.Job, whole, 997, "m3").ToList();
        var deliveries = chunks.Concat(chunks.Where((_, i) => i % 3 == 0)).OrderBy(_ => random.Next()).ToArray();
        var assembler = new ChunkAssembler(WireLimits.Default);

        var completed = Feed(assembler, deliveries).Where(r => r is not null).ToArray();

        var envelope = Assert.Single(completed);
        Assert.Equal(whole, envelope);
        Assert.True(WireFormat.TryDecode(envelope, WireLimits.Default, out var decoded, out var error), error);
        var snapshot = Assert.IsType<SnapshotMessage>(decoded).Snapshot;
        Assert.All(sent.Snapshot.Factors.Zip(snapshot.Factors), pair => Assert.True(WireSamples.SameBits(pair.First.Matrix, pair.Second.Matrix)));
        Assert.Equal(0, assembler.IncompleteCount);
    }

    [Fact]
    public void A_message_missing_a_chunk_never_completes()
    {
        var chunks = WireChunks.Split(WireSamples.Job, Whole, 500, "m4");
        var assembler = new ChunkAssembler(WireLimits.Default);

        var results = Feed(assembler, chunks.Where((_, i) => i != 3).Concat(chunks.Where((_, i) => i != 3)));

        Assert.All(results, Assert.Null);
        Assert.Equal(1, assembler.IncompleteCount);
        Assert.Equal(Whole, assembler.Add(Decode(chunks[3])));
    }

    [Fact]
    public void Interleaved_messages_reassemble_independently()
    {
        var other = WireFormat.Encode(WireSamples.Roots(new Random(52), 9));
        var first = WireChunks.Split(WireSamples.Job, Whole, 300, "a");
        var second = WireChunks.Split(WireSamples.Job, other, 300, "b");
        var assembler = new ChunkAssembler(WireLimits.Default);

        var results = Feed(assembler, first.Zip(second).SelectMany(p => new[] { p.First, p.Second }).Concat(first.Skip(second.Count)).Concat(second.Skip(first.Count)));

        var completed = results.Where(r => r is not null).ToArray();
        Assert.Equal(2, completed.Length);
        Assert.Contains(completed, c => c!.AsSpan().SequenceEqual(Whole));
        Assert.Contains(completed, c => c!.AsSpan().SequenceEqual(other));
    }

    [Fact]
    public void Splitting_refuses_an_empty_envelope_a_chunk_size_below_one_and_empty_ids()
    {
        Assert.Throws<ArgumentException>(() => WireChunks.Split(WireSamples.Job, [], 10, "m"));
        Assert.Throws<ArgumentOutOfRangeException>(() => WireChunks.Split(WireSamples.Job, Whole, 0, "m"));
        Assert.Throws<ArgumentException>(() => WireChunks.Split("", Whole, 10, "m"));
        Assert.Throws<ArgumentException>(() => WireChunks.Split(WireSamples.Job, Whole, 10, ""));
    }
}
