namespace ShampooActors.Host.Checkpoints;

/// <summary>A checkpoint a resumed run did not use: the file (relative to the run folder) and why.</summary>
internal sealed record CheckpointRefusal(string File, string Reason)
{
    /// <summary>The line reported on stderr: <c>refused checkpoints/step-00000600.ckpt: corrupt: its checksum does not match</c>.</summary>
    public override string ToString() => $"refused {File}: {Reason}";
}
