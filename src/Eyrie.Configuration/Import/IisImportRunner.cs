namespace Eyrie.Configuration.Import;

/// <summary>
/// <c>eyrie import-iis</c> without the command-line parsing: checks the options, imports, prints the report and
/// writes eyrie.json, never over an existing file unless forced. Returns the exit code (0 done, 1 not done).
/// </summary>
public static class IisImportRunner
{
    public const int Success = 0;
    public const int Failure = 1;

    public static int Run(string input, string output, IReadOnlyList<string> pathMaps, bool force, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(pathMaps);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var entries = new List<PathMapEntry>();
        foreach (var map in pathMaps)
        {
            if (!PathMapEntry.TryParse(map, out var entry, out var error))
            {
                stderr.WriteLine($"error: --path-map {error}");
                return Failure;
            }

            entries.Add(entry!);
        }

        var outputPath = Path.GetFullPath(output);
        if (Directory.Exists(outputPath))
        {
            stderr.WriteLine($"error: {output} is a folder; give the file to write, e.g. --out {Path.Combine(output, "eyrie.json")}");
            return Failure;
        }

        // Checked before the import too, so a long report does not end in a refusal.
        if (File.Exists(outputPath) && !force)
        {
            stderr.WriteLine(Refusal(output));
            return Failure;
        }

        IisImportResult result;
        try
        {
            result = IisConfigImporter.ImportFile(input, new IisImportOptions { PathMaps = entries });
        }
        catch (IisImportException ex)
        {
            stderr.WriteLine(ex.ToString());
            return Failure;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            using var stream = new FileStream(outputPath, force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(result.ToJson());
        }
        catch (IOException) when (!force && File.Exists(outputPath))
        {
            stderr.WriteLine(Refusal(output));
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {output}: {ex.Message}");
            return Failure;
        }

        stdout.Write(result.FormatReport(input));
        var applications = result.Config.Sites.Sum(s => s.Applications.Count);
        stdout.WriteLine();
        stdout.WriteLine($"Wrote {output}: {result.Config.Sites.Count} site(s), {applications} application(s). " +
            $"{result.Count(ImportAction.Mapped)} mapped, {result.Count(ImportAction.Changed)} changed, {result.Count(ImportAction.Skipped)} skipped: review every Changed and Skipped line.");
        stdout.WriteLine($"Then: eyrie schema > {Path.Combine(Path.GetDirectoryName(output) ?? "", IisImportOptions.DefaultSchema)} (editor completion), and eyrie validate --config {output}");
        return Success;
    }

    private static string Refusal(string output) => $"error: {output} already exists; use --force to overwrite it";
}
