namespace ActorBot.Hocon;

/// <summary>
/// The work behind <c>actorbot config hocon-to-json &lt;file&gt;</c>, kept here so it is tested with
/// the parser: resolve the file, redact secrets, print sorted JSON. Exit codes: 0 printed; 2 the
/// file is missing or invalid (one line on stderr naming file, line, column and what was expected).
/// </summary>
public static class HoconToJson
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static int Run(string path, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var options = new HoconLoadOptions { EnvironmentLookup = SecretRedaction.RedactingEnvironment(environment) };
            var root = SecretRedaction.RedactKeys(HoconLoader.LoadFile(path, options));
            stdout.WriteLine(HoconJsonWriter.Write(root, sortKeys: true, indented: true));
            return Ok;
        }
        catch (HoconException ex)
        {
            stderr.WriteLine($"actorbot config hocon-to-json: {ex.Message}");
            return BadInput;
        }
    }
}
