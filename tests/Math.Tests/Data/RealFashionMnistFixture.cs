using ShampooActors.Math.Data;

namespace ShampooActors.Math.Tests.Data;

/// <summary>The installed Fashion-MNIST, loaded once for all tests that read it.</summary>
public sealed class RealFashionMnistFixture
{
    public FashionMnist Data { get; } = FashionMnist.Load();
}
