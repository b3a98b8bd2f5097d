using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run (what RavenDB.TestDriver does for RavenDB): <c>initdb</c> and
/// <c>pg_ctl</c> from the installed binaries, a free port on 127.0.0.1, its socket and data in a temp folder that is
/// removed at exit, and removed at the next run's start when a crashed run left it behind. Each test server gets its
/// own database, copied from a template that is migrated once.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string TemplateDatabase = "coco_template";
    private static readonly string RunsFolder = Path.Combine(Path.GetTempPath(), "coco-pg-tests");
    private static readonly Lazy<PostgresCluster> Instance = new(StartNew, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder;
    private readonly string _bin;

    private PostgresCluster(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    /// <summary>The cluster of this test run, started on first use.</summary>
    public static PostgresCluster Shared => Instance.Value;

    public int Port { get; }

    /// <summary>Where <c>initdb</c> and <c>pg_ctl</c> are (the newest installed version), or null.</summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("COCO_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault()
            : null;
    }

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => FindBinaries() is null
        ? "PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or $COCO_PG_BIN; install postgresql and postgresql-contrib"
        : null;

    public string AdminConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>A new database; migrated (from the template) unless <paramref name="empty"/>.</summary>
    public async Task<string> CreateDatabaseAsync(bool empty = false)
    {
        var name = "coco_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {(empty ? "template0" : TemplateDatabase)}");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
        catch (NpgsqlException) when (!File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            // A test stopped this cluster; its folder goes with the cluster.
        }
    }

    /// <summary>Runs one statement as the superuser in the <c>postgres</c> database.</summary>
    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server (fast shutdown: sessions are cut), as an operator's restart would.</summary>
    public void Stop() => PgCtl("stop -m fast -w");

    /// <summary>Starts the stopped server again on the same port.</summary>
    public void Restart() => PgCtl($"start -w -l {Quote(Path.Combine(_folder, "server.log"))}");

    /// <summary>
    /// A cluster of its own, for tests that stop and start the server (the shared one serves the tests running in
    /// parallel); dispose it when done.
    /// </summary>
    public static PostgresCluster StartNew()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(UnavailableReason);
        RemoveStaleRuns(bin);
        var folder = Path.Combine(RunsFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (IsRoot)
        {
            // initdb and the server refuse to run as root: the folder belongs to the postgres user.
            Run("chown", $"-R postgres:postgres {Quote(RunsFolder)}", asPostgres: false);
        }

        var cluster = new PostgresCluster(folder, bin, UnassignedPort.Pick());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Remove();
        try
        {
            Run(Path.Combine(bin, "initdb"),
                $"-D {Quote(cluster.DataFolder)} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync", asPostgres: true);
            File.AppendAllText(Path.Combine(cluster.DataFolder, "postgresql.conf"), $"""

                port = {cluster.Port}
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{folder}'
                max_connections = 300
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                """);
            cluster.Restart();
            cluster.PrepareTemplate();
        }
        catch
        {
            cluster.Remove();
            throw;
        }

        return cluster;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>The template: migrated once, without the built-ins (each server seeds its own at startup).</summary>
    private void PrepareTemplate()
    {
        ExecuteAsync($"CREATE DATABASE {TemplateDatabase}").GetAwaiter().GetResult();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = ConnectionString(TemplateDatabase),
        }).Build();
        using (var services = new ServiceCollection().AddLogging().AddConnectorDomain(configuration).BuildServiceProvider())
        {
            Storage.StorageRegistration.PrepareAsync(services, _ => Task.FromResult(0), CancellationToken.None).GetAwaiter().GetResult();
        }

        NpgsqlConnection.ClearAllPools();
    }

    public void Dispose() => Remove();

    private void Remove()
    {
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                PgCtl("stop -m immediate -w");
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the folder goes anyway.
        }

        TryDelete(_folder);
    }

    /// <summary>Folders of earlier runs whose test process is gone: stop their server, delete them.</summary>
    private static void RemoveStaleRuns(string bin)
    {
        if (!Directory.Exists(RunsFolder))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(RunsFolder))
        {
            var marker = Path.Combine(folder, "owner.pid");
            if (File.Exists(marker) && int.TryParse(File.ReadAllText(marker), out var pid) && IsAlive(pid))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    Run(Path.Combine(bin, "pg_ctl"), $"stop -D {Quote(data)} -m immediate -w", asPostgres: true);
                }
                catch (InvalidOperationException)
                {
                    // Its server died with the run.
                }
            }

            TryDelete(folder);
        }
    }

    private void PgCtl(string arguments) => Run(Path.Combine(_bin, "pg_ctl"), $"{arguments} -D {Quote(DataFolder)}", asPostgres: true);

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void Run(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {Quote(file)} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }

    private static string Quote(string path) => $"\"{path}\"";

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
