using ByteString = Google.Protobuf.ByteString;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using P = ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>Every check of <see cref="WireFormat.TryDecode"/>: a bad body gives a one-line error naming the problem and no message.</summary>
public sealed class WireRejectionSpec
{
    /// <summary>Decodes <paramref name="body"/>, requires a rejection and returns its error.</summary>
    private static string Rejected(byte[] body, WireLimits? limits = null)
    {
        Assert.False(WireFormat.TryDecode(body, limits ?? WireLimits.Default, out var message, out var error));
        Assert.Null(message);
        Assert.NotNull(error);
        Assert.NotEmpty(error);
        Assert.DoesNotContain('\n', error);
        return error;
    }

    private static byte[] Snapshot(params int[] sizes) => WireFormat.Encode(WireSamples.Snapshot(new Random(20), sizes));

    private static byte[] EditSnapshot(Action<P.Snapshot> edit) => Envelopes.EditBody(Snapshot(3, 2), P.Snapshot.Parser, edit);

    [Fact]
    public void A_flipped_byte_anywhere_in_the_body_fails_the_checksum()
    {
        var encoded = WireFormat.Encode(WireSamples.Heartbeat(new Random(21)));
        var body = Envelopes.Open(encoded).Body.ToByteArray();
        for (var k = 0; k < body.Length; k++)
        {
            var corrupt = (byte[])body.Clone();
            corrupt[k] ^= 0x5A;
            var flipped = Envelopes.EditEnvelope(encoded, e => e.Body = ByteString.CopyFrom(corrupt));

            Assert.Contains("checksum", Rejected(flipped));
        }
    }

    [Fact]
    public void A_flipped_byte_in_a_matrix_payload_fails_the_checksum()
    {
        var encoded = Snapshot(64);
        var body = Envelopes.Open(encoded).Body.ToByteArray();
        body[body.Length / 2] ^= 1;

        Assert.Contains("checksum", Rejected(Envelopes.EditEnvelope(encoded, e => e.Body = ByteString.CopyFrom(body))));
    }

    [Fact]
    public void Every_truncation_of_a_message_is_rejected()
    {
        foreach (var encoded in new[] { WireFormat.Encode(WireSamples.Heartbeat(new Random(22))), Snapshot(2) })
        {
            for (var length = 0; length < encoded.Length; length++)
                Rejected(encoded[..length]);
        }
    }

    [Fact]
    public void Bytes_that_are_not_protobuf_are_rejected_as_unparsable()
    {
        Assert.Contains("not a valid envelope", Rejected([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
    }

    [Fact]
    public void A_message_larger_than_the_limit_is_rejected_before_it_is_parsed()
    {
        var encoded = Snapshot(16);

        var error = Rejected(encoded, WireLimits.Default with { MaxMessageBytes = encoded.Length - 1 });

        Assert.Contains("limit", error);
        Assert.True(WireFormat.TryDecode(encoded, WireLimits.Default with { MaxMessageBytes = encoded.Length }, out _, out _));
    }

    [Fact]
    public void Another_format_version_is_rejected_and_named()
    {
        var error = Rejected(Envelopes.EditEnvelope(Snapshot(2), e => e.FormatVersion = 2));

        Assert.Contains("format version 2", error);
    }

    [Fact]
    public void An_empty_job_is_rejected()
    {
        Assert.Contains("job", Rejected(Envelopes.EditEnvelope(Snapshot(2), e => e.Job = "")));
    }

    [Fact]
    public void A_body_of_another_kind_than_the_envelope_says_is_rejected()
    {
        var heartbeat = WireFormat.Encode(WireSamples.Heartbeat(new Random(23)));
        foreach (var kind in new[] { P.MessageKind.Snapshot, P.MessageKind.Roots, P.MessageKind.JobAnnouncement, P.MessageKind.Chunk, P.MessageKind.ChunkTicket })
            Rejected(Envelopes.EditEnvelope(heartbeat, e => e.Kind = kind));

        Assert.Contains("does not match its kind", Rejected(Envelopes.EditEnvelope(heartbeat, e => e.Kind = P.MessageKind.ChunkTicket)));
    }

    [Fact]
    public void An_unknown_kind_is_rejected()
    {
        Assert.Contains("kind", Rejected(Envelopes.EditEnvelope(Snapshot(2), e => e.Kind = P.MessageKind.Unspecified)));
        Assert.Contains("kind", Rejected(Envelopes.EditEnvelope(Snapshot(2), e => e.Kind = (P.MessageKind)99)));
    }

    [Fact]
    public void A_float32_tensor_is_rejected_saying_only_float64_is_accepted()
    {
        var error = Rejected(EditSnapshot(s => s.Factors[0].Statistic.Dtype = P.DataType.Float32));

        Assert.Contains("FLOAT32", error);
        Assert.Contains("only FLOAT64", error);
        Assert.Contains("only FLOAT64", Rejected(EditSnapshot(s => s.Factors[0].Statistic.Dtype = P.DataType.Unspecified)));
    }

    [Fact]
    public void A_payload_shorter_or_longer_than_its_shape_is_rejected()
    {
        var shorter = Rejected(EditSnapshot(s => s.Factors[0].Statistic.Payload = s.Factors[0].Statistic.Payload.Span[8..].ToArray() is var b ? ByteString.CopyFrom(b) : null));
        var longer = Rejected(EditSnapshot(s => s.Factors[1].Statistic.Payload = ByteString.CopyFrom([.. s.Factors[1].Statistic.Payload.Span, 0, 0, 0, 0, 0, 0, 0, 0])));

        Assert.Contains("payload", shorter);
        Assert.Contains("payload", longer);
    }

    [Fact]
    public void A_matrix_that_is_not_n_by_n_is_rejected()
    {
        Assert.Contains("n×n", Rejected(EditSnapshot(s => s.Factors[0].Statistic.Shape[1] = 4)));
        Assert.Contains("n×n", Rejected(EditSnapshot(s => s.Factors[0].Statistic.Shape.RemoveAt(1))));
        Assert.Contains("n×n", Rejected(EditSnapshot(s => s.Factors[0].Statistic.Shape.Add(1))));
    }

    [Fact]
    public void A_matrix_whose_size_is_not_its_factors_is_rejected()
    {
        // Both shape and payload say 2×2 (consistent with each other) but the factor says 3.
        var error = Rejected(EditSnapshot(s => s.Factors[0].Statistic = s.Factors[1].Statistic));

        Assert.Contains("factor's size is 3", error);
    }

    [Fact]
    public void A_missing_matrix_is_rejected()
    {
        Assert.Contains("missing", Rejected(EditSnapshot(s => s.Factors[0].Statistic = null)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_value_in_a_statistic_is_rejected_with_its_position(double value)
    {
        var sent = WireSamples.Snapshot(new Random(24), 5, 4);
        sent.Snapshot.Factors[1].Matrix[4 * 2 + 3] = value;

        var error = Rejected(WireFormat.Encode(sent));

        Assert.Contains("non-finite", error);
        Assert.Contains("row 2, column 3", error);
        Assert.Contains("factor 1", error);
    }

    [Fact]
    public void A_non_finite_value_in_a_root_is_rejected()
    {
        var sent = WireSamples.Roots(new Random(25), 3, 7);
        sent.Roots.Factors[1].Root![48] = double.NaN;

        Assert.Contains("non-finite", Rejected(WireFormat.Encode(sent)));
    }

    [Fact]
    public void A_non_finite_value_in_the_last_element_past_the_vector_width_is_found()
    {
        // 5×5 = 25 values: the last one lies in the scalar tail after whole vectors of any width that divides 24.
        var sent = WireSamples.Snapshot(new Random(26), 5);
        sent.Snapshot.Factors[0].Matrix[24] = double.PositiveInfinity;

        Assert.Contains("row 4, column 4", Rejected(WireFormat.Encode(sent)));
    }

    [Fact]
    public void A_factor_larger_than_the_limit_is_rejected()
    {
        Assert.Contains("between 1 and 16", Rejected(Snapshot(17), WireLimits.Default with { MaxFactorSize = 16 }));
        Assert.Contains("between 1 and 16", Rejected(WireFormat.Encode(WireSamples.Roots(new Random(27), 17)), WireLimits.Default with { MaxFactorSize = 16 }));
    }

    [Fact]
    public void More_factors_than_the_limit_or_none_are_rejected()
    {
        Assert.Contains("3 factors", Rejected(Snapshot(2, 2, 2), WireLimits.Default with { MaxFactors = 2 }));
        Assert.Contains("0 factors", Rejected(EditSnapshot(s => s.Factors.Clear())));
    }

    [Fact]
    public void A_negative_version_block_or_epoch_is_rejected()
    {
        Assert.Contains("version", Rejected(EditSnapshot(s => s.Version = -1)));
        Assert.Contains("block", Rejected(EditSnapshot(s => s.Block = -1)));
        Assert.Contains("epoch", Rejected(EditSnapshot(s => s.Epoch = -1)));
        Assert.Contains("version", Rejected(Envelopes.EditBody(WireFormat.Encode(WireSamples.Roots(new Random(28), 2)), P.Roots.Parser, r => r.Version = -5)));
    }

    [Fact]
    public void A_factor_size_or_exponent_below_one_is_rejected()
    {
        Assert.Contains("size 0", Rejected(EditSnapshot(s => s.Factors[0].Size = 0)));
        Assert.Contains("exponent 0", Rejected(EditSnapshot(s => s.Factors[0].Exponent = 0)));
    }

    [Theory]
    [MemberData(nameof(InvalidRootOptions))]
    public void Invalid_root_options_are_rejected_naming_the_option(string option, RootOptions options)
    {
        var error = Rejected(WireFormat.Encode(WireSamples.Snapshot(new Random(29), options, 2)));

        Assert.Contains("root settings are invalid", error);
        Assert.Contains(option, error);
    }

    public static TheoryData<string, RootOptions> InvalidRootOptions() => new()
    {
        { "ridge", new RootOptions { Ridge = 0 } },
        { "newton-tolerance", new RootOptions { NewtonTolerance = -1 } },
        { "newton-max-iterations", new RootOptions { NewtonMaxIterations = 0 } },
        { "accept-residual", new RootOptions { AcceptResidual = double.PositiveInfinity } },
        { "retries", new RootOptions { Retries = 6 } },
        { "power-iterations", new RootOptions { PowerIterations = 0 } },
        { "power-tolerance", new RootOptions { PowerTolerance = double.NaN } },
    };

    [Fact]
    public void Missing_root_settings_or_an_unspecified_method_or_ridge_kind_are_rejected()
    {
        Assert.Contains("root settings are missing", Rejected(EditSnapshot(s => s.Roots = null)));
        Assert.Contains("method", Rejected(EditSnapshot(s => s.Roots.Method = P.RootMethod.Unspecified)));
        Assert.Contains("ridge kind", Rejected(EditSnapshot(s => s.Roots.RidgeKind = P.RidgeKind.Unspecified)));
    }

    [Fact]
    public void Roots_with_diagnostics_no_accepted_root_could_have_are_rejected()
    {
        var encoded = WireFormat.Encode(WireSamples.Roots(new Random(30), 2, 3));
        byte[] Edit(Action<P.RootDiagnostics> edit) => Envelopes.EditBody(encoded, P.Roots.Parser, r => edit(r.Factors[1].Diagnostics));

        Assert.Contains("residual", Rejected(Edit(d => d.Residual = double.NaN)));
        Assert.Contains("ridge", Rejected(Edit(d => d.Ridge = 0)));
        Assert.Contains("attempts", Rejected(Edit(d => d.Attempts = 0)));
        Assert.Contains("lambda_max", Rejected(Edit(d => d.LambdaMax = -1)));
        Assert.Contains("method", Rejected(Edit(d => d.Method = P.RootMethod.Unspecified)));
        Assert.Contains("diagnostics", Rejected(Envelopes.EditBody(encoded, P.Roots.Parser, r => r.Factors[0].Diagnostics = null)));
    }

    [Fact]
    public void Roots_without_a_host_are_rejected()
    {
        Assert.Contains("host", Rejected(Envelopes.EditBody(WireFormat.Encode(WireSamples.Roots(new Random(31), 2)), P.Roots.Parser, r => r.Host = "")));
    }

    [Fact]
    public void A_heartbeat_without_a_node_or_counting_from_zero_is_rejected()
    {
        var encoded = WireFormat.Encode(WireSamples.Heartbeat(new Random(32)));

        Assert.Contains("node", Rejected(Envelopes.EditBody(encoded, P.Heartbeat.Parser, h => h.Node = "")));
        Assert.Contains("sequence", Rejected(Envelopes.EditBody(encoded, P.Heartbeat.Parser, h => h.Sequence = 0)));
        Assert.Contains("threads", Rejected(Envelopes.EditBody(encoded, P.Heartbeat.Parser, h => h.Threads = 0)));
    }

    [Fact]
    public void A_job_announcement_listing_a_block_twice_or_an_oversized_factor_is_rejected()
    {
        var encoded = WireFormat.Encode(WireSamples.Announcement(new Random(33)));

        Assert.Contains("twice", Rejected(Envelopes.EditBody(encoded, P.JobAnnouncement.Parser, a => a.Blocks.Add(a.Blocks[0]))));
        Assert.Contains("factor of size", Rejected(Envelopes.EditBody(encoded, P.JobAnnouncement.Parser, a => a.Blocks[0].FactorSizes[0] = 8193)));
        Assert.Contains("blocks", Rejected(encoded, WireLimits.Default with { MaxBlocks = 4 }));
    }

    [Fact]
    public void A_chunk_out_of_range_or_beyond_the_limits_is_rejected()
    {
        var encoded = WireFormat.Encode(WireSamples.Chunk(new Random(34)));
        byte[] Edit(Action<P.Chunk> edit) => Envelopes.EditBody(encoded, P.Chunk.Parser, edit);

        Assert.Contains("index", Rejected(Edit(c => c.Index = c.Count)));
        Assert.Contains("index", Rejected(Edit(c => c.Index = -1)));
        Assert.Contains("chunks", Rejected(encoded, WireLimits.Default with { MaxChunks = 4 }));
        Assert.Contains("limit", Rejected(Edit(c => c.TotalBytes = WireLimits.Default.MaxMessageBytes + 1)));
        Assert.Contains("bytes", Rejected(Edit(c => c.Data = ByteString.Empty)));
        Assert.Contains("message id", Rejected(Edit(c => c.MessageId = "")));
    }

    [Fact]
    public void A_chunk_ticket_without_a_queue_or_with_too_many_chunks_is_rejected()
    {
        var encoded = WireFormat.Encode(WireSamples.Ticket(new Random(35)));

        Assert.Contains("queue", Rejected(Envelopes.EditBody(encoded, P.ChunkTicket.Parser, t => t.ChunkQueue = "")));
        Assert.Contains("chunks", Rejected(Envelopes.EditBody(encoded, P.ChunkTicket.Parser, t => t.Count = 4097)));
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_rejected()
    {
        Assert.Contains("characters", Rejected(Envelopes.EditEnvelope(Snapshot(2), e => e.Job = new string('j', 256))));
    }

    [Fact]
    public void Encoding_refuses_a_rejected_root_a_matrix_that_is_not_n_by_n_and_an_empty_job()
    {
        var roots = WireSamples.Roots(new Random(36), 2);
        var rejected = roots with { Roots = roots.Roots with { Factors = [new InverseRoot(null, roots.Roots.Factors[0].Diagnostics with { Accepted = false })] } };
        var snapshot = WireSamples.Snapshot(new Random(37), 2);
        var lopsided = snapshot with { Snapshot = snapshot.Snapshot with { Factors = [new FactorStatistics(2, 2, new double[5])] } };

        Assert.Throws<ArgumentException>(() => WireFormat.Encode(rejected));
        Assert.Throws<ArgumentException>(() => WireFormat.Encode(lopsided));
        Assert.Throws<ArgumentException>(() => WireFormat.Encode(snapshot with { Job = "" }));
    }
}
