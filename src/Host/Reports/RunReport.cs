namespace ShampooActors.Host.Reports;

internal static class RunReport
{
    public static string Write(string runDirectory) => runDirectory;
}
