namespace ShampooActors.Testing;

/// <summary>The failure a planned <see cref="FaultKind.Throw"/> or <see cref="FaultKind.Crash"/> fault raises in a simulated computation.</summary>
public sealed class SimulatedFaultException : Exception
{
    /// <summary>A simulated fault described by <paramref name="message"/>.</summary>
    public SimulatedFaultException(string message)
        : base(message)
    {
    }

    /// <summary>A simulated fault with no description.</summary>
    public SimulatedFaultException()
        : this("simulated fault")
    {
    }

    /// <summary>A simulated fault described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public SimulatedFaultException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
