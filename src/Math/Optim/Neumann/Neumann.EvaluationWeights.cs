namespace ShampooActors.Math.Optim;

public sealed partial class Neumann
{
    private EvaluationScope? _evaluation;

    /// <summary>
    /// Puts the model's weights w − μm (μ of each parameter's last step) into the parameters until disposed, then puts
    /// back w bit for bit. Parameters still in the warm-up have m = 0 and are left alone. One scope at a time; the
    /// optimizer refuses to step while it is open.
    /// </summary>
    public override IDisposable EvaluationWeights()
    {
        if (_evaluation is not null)
            throw new InvalidOperationException("Neumann's evaluation weights are already in the parameters; dispose that scope first");
        var saved = new List<(Nn.Parameter Parameter, float[] Weights)>();
        foreach (var group in Groups)
        {
            var options = (NeumannOptions)group.Options;
            var parameters = group.ParameterArray;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (StateAt(group.FirstIndex + i) is not { } state || NeumannSchedule.PhaseOf(state.Step, options) == NeumannPhase.Warmup)
                    continue;
                var w = parameters[i].Data;
                saved.Add((parameters[i], w.ToArray()));
                var mu = NeumannSchedule.Mu(state.Step - options.WarmupSteps, options);
                ElementwiseUpdate.Run(new NeumannEvaluationRule(mu), w, state.Slot(MomentumSlot));
            }
        }
        return _evaluation = new EvaluationScope(this, saved);
    }

    /// <summary>Holds the trained weights w while the evaluated ones are in the parameters.</summary>
    private sealed class EvaluationScope(Neumann owner, List<(Nn.Parameter Parameter, float[] Weights)> saved) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var (parameter, weights) in saved)
                weights.CopyTo(parameter.Data);
            owner._evaluation = null;
        }
    }
}
