namespace ShampooActors.Host.Reports.Charts;

/// <summary>The Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; lines past the eighth repeat them dashed.</summary>
internal static class Palette
{
    // Yellow is last: on white it is the faintest, so it is used only when seven runs are already on one chart.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>The colour of the <paramref name="index"/>th series.</summary>
    public static string Colour(int index) => Colours[index % Colours.Length];

    /// <summary>Whether the <paramref name="index"/>th series is dashed, to tell it from the series that shares its colour.</summary>
    public static bool Dashed(int index) => index / Colours.Length % 2 == 1;
}
