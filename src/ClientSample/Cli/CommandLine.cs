namespace Coco.Connectors.ClientSample.Cli;

/// <summary>
/// Parses <c>&lt;command&gt; [args] [--option value | --option=value | --flag]</c> against what the command accepts,
/// so a typo is a usage error naming the option, never silently ignored.
/// </summary>
internal static class CommandLine
{
    /// <summary>Options every command takes.</summary>
    public static readonly IReadOnlySet<string> GlobalOptions = new HashSet<string>(StringComparer.Ordinal) { "--server" };

    public static readonly IReadOnlySet<string> GlobalFlags = new HashSet<string>(StringComparer.Ordinal) { "--json", "--help", "-h" };

    public static ParsedArguments Parse(IReadOnlyList<string> args, Func<string, IConsoleCommand?> findCommand)
    {
        var parsed = new ParsedArguments();
        IConsoleCommand? command = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                if (parsed.Command is null)
                {
                    parsed.Command = arg;
                    command = findCommand(arg) ?? throw new UsageException($"unknown command '{arg}'");
                }
                else
                {
                    parsed.Positionals.Add(arg);
                }

                continue;
            }

            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is > 0 and var at ? (arg[..at], arg[(at + 1)..]) : (arg, null);
            if (GlobalFlags.Contains(name) || command?.Flags.Contains(name) == true)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"{name} takes no value");
                }

                parsed.Flags.Add(name);
            }
            else if (GlobalOptions.Contains(name) || command?.Options.Contains(name) == true)
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value"));
                if (!parsed.Options.TryGetValue(name, out var values))
                {
                    parsed.Options[name] = values = [];
                }

                values.Add(value);
            }
            else
            {
                throw new UsageException(command is null ? $"unknown option '{name}' (give the command first)" : $"'{command.Name}' has no option '{name}'");
            }
        }

        if (command is not null && parsed.Positionals.Count != command.Arguments.Count && !parsed.Flag("--help") && !parsed.Flag("-h"))
        {
            throw new UsageException(command.Arguments.Count == 0
                ? $"'{command.Name}' takes no arguments, got '{parsed.Positionals[0]}'"
                : $"'{command.Name}' needs {string.Join(" ", command.Arguments.Select(a => "<" + a + ">"))}");
        }

        return parsed;
    }
}
