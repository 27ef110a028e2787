using System.CommandLine;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>The <c>config</c> command: prints a job's resolved configuration with the file:line every value comes from.</summary>
internal static class ConfigCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string?>("FILE") { Description = "Job file (HOCON); none: reference.conf alone", Arity = ArgumentArity.ZeroOrOne };
        var set = TrainCommand.SetOption();
        var origins = new Option<bool>("--origins") { Description = "Precede each value with a # file:line comment [true|false]", DefaultValueFactory = _ => true };
        var command = new Command("config", "Print the resolved configuration of a job (the job file over reference.conf) with origins") { file, set, origins };
        command.SetAction(result =>
        {
            var config = TrainCommand.Load(result.GetValue(file), result.GetValue(set) ?? [], null, result);
            JobSettings.From(config);
            output.Write(config.Render(result.GetValue(origins)));
            return 0;
        });
        return command;
    }
}
