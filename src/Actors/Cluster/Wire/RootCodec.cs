using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using P = ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary><see cref="RootOptions"/> and <see cref="RootDiagnostics"/> to and from their protobuf messages, checked on the way in.</summary>
internal static class RootCodec
{
    public static P.RootSettings ToProto(RootOptions options) => new()
    {
        Method = ToProto(options.Method),
        Ridge = options.Ridge,
        RidgeKind = options.RidgeKind switch
        {
            RidgeKind.Relative => P.RidgeKind.Relative,
            RidgeKind.Absolute => P.RidgeKind.Absolute,
            _ => P.RidgeKind.Unspecified,
        },
        NewtonTolerance = options.NewtonTolerance,
        NewtonMaxIterations = options.NewtonMaxIterations,
        AcceptResidual = options.AcceptResidual,
        Retries = options.Retries,
        PowerIterations = options.PowerIterations,
        PowerTolerance = options.PowerTolerance,
    };

    /// <summary>The options <paramref name="settings"/> carries, after <see cref="RootOptions.Validate"/>.</summary>
    public static RootOptions FromProto(P.RootSettings? settings)
    {
        if (settings is null)
            throw new InvalidWireMessageException("the snapshot's root settings are missing");
        var options = new RootOptions
        {
            Method = FromProto(settings.Method, "the root settings' method"),
            Ridge = settings.Ridge,
            RidgeKind = settings.RidgeKind switch
            {
                P.RidgeKind.Relative => RidgeKind.Relative,
                P.RidgeKind.Absolute => RidgeKind.Absolute,
                _ => throw new InvalidWireMessageException($"the root settings' ridge kind {settings.RidgeKind} is not relative or absolute"),
            },
            NewtonTolerance = settings.NewtonTolerance,
            NewtonMaxIterations = settings.NewtonMaxIterations,
            AcceptResidual = settings.AcceptResidual,
            Retries = settings.Retries,
            PowerIterations = settings.PowerIterations,
            PowerTolerance = settings.PowerTolerance,
        };
        try
        {
            options.Validate();
        }
        catch (InvalidOptionsException e)
        {
            throw new InvalidWireMessageException($"the snapshot's root settings are invalid: {e.Message}");
        }
        return options;
    }

    public static P.RootDiagnostics ToProto(RootDiagnostics diagnostics) => new()
    {
        Method = ToProto(diagnostics.Method),
        Residual = diagnostics.Residual,
        Iterations = diagnostics.Iterations,
        LambdaMax = diagnostics.LambdaMax,
        Ridge = diagnostics.Ridge,
        Attempts = diagnostics.Attempts,
        Milliseconds = diagnostics.Milliseconds,
        NewtonError = diagnostics.NewtonError,
    };

    /// <summary>The diagnostics of an accepted root, checked to be those of one (finite residual, λ_max ≥ 0, ridge &gt; 0, at least one attempt).</summary>
    public static RootDiagnostics FromProto(P.RootDiagnostics? proto, string what)
    {
        if (proto is null)
            throw new InvalidWireMessageException($"{what} has no diagnostics");
        var method = FromProto(proto.Method, $"{what}'s method");
        NonNegative(proto.Residual, $"{what}'s residual");
        NonNegative(proto.LambdaMax, $"{what}'s lambda_max");
        NonNegative(proto.Milliseconds, $"{what}'s milliseconds");
        if (!(proto.Ridge > 0) || double.IsInfinity(proto.Ridge))
            throw new InvalidWireMessageException($"{what}'s ridge is {proto.Ridge}; a finite number > 0 is expected");
        if (proto.Iterations < 0)
            throw new InvalidWireMessageException($"{what}'s iterations is {proto.Iterations}; at least 0 is expected");
        if (proto.Attempts < 1)
            throw new InvalidWireMessageException($"{what}'s attempts is {proto.Attempts}; at least 1 is expected");
        if (!double.IsNaN(proto.NewtonError))
            NonNegative(proto.NewtonError, $"{what}'s newton_error");
        return new RootDiagnostics(method, proto.Residual, proto.Iterations, proto.LambdaMax, proto.Ridge, proto.Attempts, Accepted: true, proto.Milliseconds)
        {
            NewtonError = proto.NewtonError,
        };
    }

    private static P.RootMethod ToProto(RootMethod method) => method switch
    {
        RootMethod.Eigh => P.RootMethod.Eigh,
        RootMethod.CoupledNewton => P.RootMethod.CoupledNewton,
        _ => P.RootMethod.Unspecified,
    };

    private static RootMethod FromProto(P.RootMethod method, string what) => method switch
    {
        P.RootMethod.Eigh => RootMethod.Eigh,
        P.RootMethod.CoupledNewton => RootMethod.CoupledNewton,
        _ => throw new InvalidWireMessageException($"{what} {method} is not eigh or coupled-newton"),
    };

    /// <summary>Requires a finite value ≥ 0 (NaN fails).</summary>
    internal static void NonNegative(double value, string what)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new InvalidWireMessageException($"{what} is {value}; a finite number >= 0 is expected");
    }
}
