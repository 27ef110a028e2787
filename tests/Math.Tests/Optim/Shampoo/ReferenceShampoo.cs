using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>
/// ALGORITHMS.md §1 transcribed for one vector or matrix parameter in float64 with plain loops and Jacobi roots: the
/// reference the float32, sgemm-based optimizer is compared with. Written from the document, not from the code under test.
/// </summary>
internal sealed class ReferenceShampoo
{
    private readonly ShampooOptions _o;
    private readonly int _rows, _cols;
    private readonly bool _rowsPreconditioned, _colsPreconditioned;
    private readonly List<Block> _blocks = [];
    private readonly double[] _momentum, _graft0, _graft1;
    private long _step;

    public ReferenceShampoo(double[] theta, int rows, int cols, ShampooOptions options)
    {
        Theta = (double[])theta.Clone();
        _o = options;
        _rows = rows;
        _cols = cols;
        var bs = options.Blocking.BlockSize;
        var max = options.Blocking.MaxPreconditionerDim;
        // A vector is a 1×n matrix whose row dim has no factor.
        _rowsPreconditioned = rows > 1 && rows <= max;
        _colsPreconditioned = cols <= max;
        for (var r0 = 0; r0 < rows; r0 += bs)
        {
            for (var c0 = 0; c0 < cols; c0 += bs)
                _blocks.Add(new Block(r0, System.Math.Min(bs, rows - r0), c0, System.Math.Min(bs, cols - c0)));
        }
        _momentum = new double[theta.Length];
        _graft0 = new double[theta.Length];
        _graft1 = new double[theta.Length];
    }

    public double[] Theta { get; }

    private int Exponent => _o.ExponentOverride > 0 ? _o.ExponentOverride : 2 * ((_rowsPreconditioned ? 1 : 0) + (_colsPreconditioned ? 1 : 0));

    public void Step(double[] gradient, double lr)
    {
        _step++;
        var t = _step;
        var n = Theta.Length;
        var g = (double[])gradient.Clone();
        if (!_o.WeightDecay.Decoupled)
        {
            for (var i = 0; i < n; i++)
                g[i] += _o.WeightDecay.Value * Theta[i];
        }
        if (t % _o.StatisticsEvery == 0)
        {
            var (w1, w2) = _o.Beta2 < 1 ? (_o.Beta2, 1 - _o.Beta2) : (1.0, 1.0);
            foreach (var b in _blocks)
            {
                if (_rowsPreconditioned)
                    Accumulate(b.L, w1, w2, b.Rows, (i, j) => Sum(b.Cols, k => g[(b.R0 + i) * _cols + b.C0 + k] * g[(b.R0 + j) * _cols + b.C0 + k]));
                if (_colsPreconditioned)
                    Accumulate(b.R, w1, w2, b.Cols, (i, j) => Sum(b.Rows, k => g[(b.R0 + k) * _cols + b.C0 + i] * g[(b.R0 + k) * _cols + b.C0 + j]));
            }
        }
        var d = Graft(g, t);
        if (t % _o.PreconditionEvery == 0)
        {
            var bc = _o.BiasCorrection && _o.Beta2 < 1 ? 1 / (1 - System.Math.Pow(_o.Beta2, t / _o.StatisticsEvery)) : 1;
            foreach (var b in _blocks)
            {
                if (_rowsPreconditioned)
                    b.XL = Root(b.L, b.Rows, bc);
                if (_colsPreconditioned)
                    b.XR = Root(b.R, b.Cols, bc);
            }
        }
        var u = d;
        if (t >= _o.StartPreconditioningStep && (_rowsPreconditioned || _colsPreconditioned))
        {
            var p = new double[n];
            foreach (var b in _blocks)
            {
                for (var i = 0; i < b.Rows; i++)
                {
                    for (var j = 0; j < b.Cols; j++)
                    {
                        double s = 0;
                        for (var k = 0; k < b.Rows; k++)
                        {
                            for (var l = 0; l < b.Cols; l++)
                            {
                                var left = _rowsPreconditioned ? b.XL![i * b.Rows + k] : (i == k ? 1 : 0);
                                var right = _colsPreconditioned ? b.XR![l * b.Cols + j] : (l == j ? 1 : 0);
                                s += left * g[(b.R0 + k) * _cols + b.C0 + l] * right;
                            }
                        }
                        p[(b.R0 + i) * _cols + b.C0 + j] = s;
                    }
                }
            }
            u = GraftScaled(p, d);
        }
        for (var i = 0; i < n; i++)
        {
            var step = u[i];
            if (_o.Momentum.Beta1 != 0)
            {
                _momentum[i] = _o.Momentum.Beta1 * _momentum[i] + u[i];
                step = _o.Momentum.Nesterov ? u[i] + _o.Momentum.Beta1 * _momentum[i] : _momentum[i];
            }
            if (_o.WeightDecay.Decoupled)
                Theta[i] -= lr * _o.WeightDecay.Value * Theta[i];
            Theta[i] -= lr * step;
        }
    }

    private double[] Graft(double[] g, long t)
    {
        var o = _o.Grafting;
        var n = g.Length;
        var scale = 1.0;
        if (o.Kind is GraftingKind.NormalizedAdagrad or GraftingKind.NormalizedRmsProp)
        {
            var norm = System.Math.Sqrt(g.Sum(x => x * x));
            scale = norm > 0 ? 1 / norm : 0;
        }
        var d = new double[n];
        for (var i = 0; i < n; i++)
        {
            var gi = g[i] * scale;
            switch (o.Kind)
            {
                case GraftingKind.Adagrad or GraftingKind.NormalizedAdagrad:
                    _graft0[i] += gi * gi;
                    d[i] = gi / (System.Math.Sqrt(_graft0[i]) + o.Epsilon);
                    break;
                case GraftingKind.RmsProp or GraftingKind.NormalizedRmsProp:
                    _graft0[i] = o.Beta2 * _graft0[i] + (1 - o.Beta2) * gi * gi;
                    d[i] = gi / (System.Math.Sqrt(_graft0[i]) + o.Epsilon);
                    break;
                case GraftingKind.Adam:
                    _graft1[i] = o.Beta1 * _graft1[i] + (1 - o.Beta1) * gi;
                    _graft0[i] = o.Beta2 * _graft0[i] + (1 - o.Beta2) * gi * gi;
                    var mHat = _graft1[i] / (1 - System.Math.Pow(o.Beta1, t));
                    var vHat = _graft0[i] / (1 - System.Math.Pow(o.Beta2, t));
                    d[i] = mHat / (System.Math.Sqrt(vHat) + o.Epsilon);
                    break;
                default:
                    d[i] = gi;
                    break;
            }
        }
        return d;
    }

    private double[] GraftScaled(double[] p, double[] d)
    {
        if (_o.Grafting.Kind == GraftingKind.None)
            return p;
        var u = (double[])p.Clone();
        if (_o.Grafting.Norm == GraftNorm.Parameter)
        {
            var s = System.Math.Sqrt(d.Sum(x => x * x)) / (System.Math.Sqrt(p.Sum(x => x * x)) + 1e-16);
            for (var i = 0; i < u.Length; i++)
                u[i] *= s;
            return u;
        }
        foreach (var b in _blocks)
        {
            double dd = 0, pp = 0;
            b.Each(_cols, k => { dd += d[k] * d[k]; pp += p[k] * p[k]; });
            var s = System.Math.Sqrt(dd) / (System.Math.Sqrt(pp) + 1e-16);
            b.Each(_cols, k => u[k] *= s);
        }
        return u;
    }

    private double[] Root(double[] h, int size, double biasCorrection)
    {
        var a = h.Select(x => x * biasCorrection).ToArray();
        var roots = _o.Roots;
        var ridge = roots.RidgeKind == RidgeKind.Relative ? roots.Ridge * JacobiEigen.MaxEigenvalue(a, size) : roots.Ridge;
        if (ridge == 0)
            ridge = roots.Ridge;
        var p = Exponent;
        return JacobiEigen.Apply(a, size, l => System.Math.Pow(System.Math.Max(l + ridge, ridge), -1.0 / p));
    }

    private static void Accumulate(double[] h, double w1, double w2, int size, Func<int, int, double> outer)
    {
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
                h[i * size + j] = w1 * h[i * size + j] + w2 * outer(i, j);
        }
    }

    private static double Sum(int count, Func<int, double> term)
    {
        double s = 0;
        for (var k = 0; k < count; k++)
            s += term(k);
        return s;
    }

    private sealed class Block(int r0, int rows, int c0, int cols)
    {
        public int R0 { get; } = r0;
        public int Rows { get; } = rows;
        public int C0 { get; } = c0;
        public int Cols { get; } = cols;
        public double[] L { get; } = new double[rows * rows];
        public double[] R { get; } = new double[cols * cols];
        public double[]? XL { get; set; } = Identity(rows);
        public double[]? XR { get; set; } = Identity(cols);

        public void Each(int stride, Action<int> visit)
        {
            for (var i = 0; i < Rows; i++)
            {
                for (var j = 0; j < Cols; j++)
                    visit((R0 + i) * stride + C0 + j);
            }
        }

        private static double[] Identity(int n)
        {
            var x = new double[n * n];
            for (var i = 0; i < n; i++)
                x[i * n + i] = 1;
            return x;
        }
    }
}
