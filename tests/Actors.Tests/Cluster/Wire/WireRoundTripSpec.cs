using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Math.Linalg;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>Every message kind decodes to exactly what was encoded, matrices bit for bit.</summary>
public sealed class WireRoundTripSpec
{
    private static T RoundTrip<T>(T message)
        where T : WireMessage
    {
        var encoded = WireFormat.Encode(message);
        Assert.True(WireFormat.TryDecode(encoded, WireLimits.Default, out var decoded, out var error), error);
        Assert.Null(error);
        return Assert.IsType<T>(decoded);
    }

    [Fact]
    public void A_snapshot_round_trips_with_every_matrix_bit_exact_and_every_root_option()
    {
        var random = new Random(1);
        var sent = WireSamples.Snapshot(random, WireSamples.NonDefaultOptions(), 1, 3, 17, 64);

        var received = RoundTrip(sent);

        Assert.Equal(sent.Job, received.Job);
        Assert.Equal(sent.Epoch, received.Epoch);
        Assert.Equal(sent.Snapshot.BlockId, received.Snapshot.BlockId);
        Assert.Equal(sent.Snapshot.Version, received.Snapshot.Version);
        Assert.Equal(sent.Snapshot.Roots, received.Snapshot.Roots);
        Assert.Equal(sent.Snapshot.Factors.Count, received.Snapshot.Factors.Count);
        foreach (var (expected, actual) in sent.Snapshot.Factors.Zip(received.Snapshot.Factors))
        {
            Assert.Equal((expected.Size, expected.Exponent), (actual.Size, actual.Exponent));
            Assert.True(WireSamples.SameBits(expected.Matrix, actual.Matrix));
        }
    }

    [Fact]
    public void A_snapshot_with_default_root_options_round_trips_them()
    {
        var sent = WireSamples.Snapshot(new Random(2), 4);

        Assert.Equal(new RootOptions(), RoundTrip(sent).Snapshot.Roots);
    }

    [Fact]
    public void Roots_round_trip_bit_exact_and_rebuild_accepted_inverse_roots_with_their_diagnostics()
    {
        var random = new Random(3);
        var sent = WireSamples.Roots(random, 2, 5, 33);

        var received = RoundTrip(sent);

        Assert.Equal((sent.Job, sent.Epoch, sent.Host, sent.ComputeMilliseconds), (received.Job, received.Epoch, received.Host, received.ComputeMilliseconds));
        Assert.Equal((sent.Roots.BlockId, sent.Roots.Version), (received.Roots.BlockId, received.Roots.Version));
        Assert.True(received.Roots.Accepted);
        Assert.Equal(sent.Roots.Factors.Count, received.Roots.Factors.Count);
        foreach (var (expected, actual) in sent.Roots.Factors.Zip(received.Roots.Factors))
        {
            Assert.True(WireSamples.SameBits(expected.Root, actual.Root));
            // Record equality compares every diagnostic, the NaN Newton error of eigh included (double.Equals(NaN, NaN)).
            Assert.Equal(expected.Diagnostics, actual.Diagnostics);
        }
    }

    [Fact]
    public void A_heartbeat_round_trips()
    {
        var sent = WireSamples.Heartbeat(new Random(4));

        Assert.Equal(sent, RoundTrip(sent));
    }

    [Fact]
    public void A_job_announcement_round_trips_with_its_block_shapes()
    {
        foreach (var active in new[] { true, false })
        {
            var sent = WireSamples.Announcement(new Random(5), active);

            var received = RoundTrip(sent);

            Assert.Equal((sent.Job, sent.Epoch, sent.Active), (received.Job, received.Epoch, received.Active));
            Assert.Equal(sent.Blocks.Count, received.Blocks.Count);
            Assert.All(sent.Blocks.Zip(received.Blocks), pair => Assert.True(pair.First.SameAs(pair.Second)));
        }
    }

    [Fact]
    public void A_job_announcement_without_blocks_round_trips()
    {
        var sent = new JobAnnouncement(WireSamples.Job, 3, [], Active: false);

        var received = RoundTrip(sent);

        Assert.Empty(received.Blocks);
        Assert.False(received.Active);
    }

    [Fact]
    public void A_chunk_round_trips_with_its_data()
    {
        var sent = WireSamples.Chunk(new Random(6));

        var received = RoundTrip(sent);

        Assert.Equal((sent.Job, sent.MessageId, sent.Index, sent.Count, sent.TotalBytes), (received.Job, received.MessageId, received.Index, received.Count, received.TotalBytes));
        Assert.Equal(sent.Data, received.Data);
    }

    [Fact]
    public void A_chunk_ticket_round_trips()
    {
        var sent = WireSamples.Ticket(new Random(7));

        Assert.Equal(sent, RoundTrip(sent));
    }

    [Fact]
    public void A_1024_by_1024_snapshot_round_trips_bit_exact()
    {
        var sent = WireSamples.Snapshot(new Random(8), 1024);

        var received = RoundTrip(sent);

        Assert.True(WireSamples.SameBits(sent.Snapshot.Factors[0].Matrix, received.Snapshot.Factors[0].Matrix));
    }

    [Fact]
    public void The_envelope_carries_the_format_version_the_job_the_kind_and_the_crc_32c_of_the_body()
    {
        var envelope = Envelopes.Open(WireFormat.Encode(WireSamples.Heartbeat(new Random(9))));

        Assert.Equal(WireFormat.FormatVersion, envelope.FormatVersion);
        Assert.Equal(WireSamples.Job, envelope.Job);
        Assert.Equal(ShampooActors.Actors.Cluster.Wire.Proto.MessageKind.Heartbeat, envelope.Kind);
        Assert.Equal(Crc32CReference.Compute(envelope.Body.Span), envelope.Checksum);
    }

    [Fact]
    public void The_envelope_is_written_in_canonical_form_byte_for_byte_what_protobuf_writes_for_its_fields()
    {
        foreach (WireMessage message in new WireMessage[] { WireSamples.Heartbeat(new Random(11)), WireSamples.Snapshot(new Random(12), 9, 2), WireSamples.Chunk(new Random(13)) })
        {
            var encoded = WireFormat.Encode(message);

            Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(Envelopes.Open(encoded)), encoded);
        }
    }

    [Fact]
    public void Matrices_travel_as_float64_little_endian_row_major_with_their_shape()
    {
        var sent = WireSamples.Snapshot(new Random(10), 3);
        var envelope = Envelopes.Open(WireFormat.Encode(sent));
        var tensor = ShampooActors.Actors.Cluster.Wire.Proto.Snapshot.Parser.ParseFrom(envelope.Body).Factors[0].Statistic;

        Assert.Equal([3L, 3L], tensor.Shape);
        Assert.Equal(ShampooActors.Actors.Cluster.Wire.Proto.DataType.Float64, tensor.Dtype);
        var matrix = sent.Snapshot.Factors[0].Matrix;
        var payload = tensor.Payload.ToByteArray();
        for (var k = 0; k < matrix.Length; k++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(matrix[k]), System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(8 * k)));
    }
}
