using System.Diagnostics;
using System.Text.Json;
using Coco.Connectors.GraphQL.Limits;
using GraphQL;
using Microsoft.Extensions.Options;

// For each GraphQL request body (JSON file): what the document limits decide and how long deciding takes in process
// (token count, parse, shape checks — what runs before validation), and how long the engine's own parse alone takes.
// Times are the best batch of many, so a busy machine adds less noise. usage: LimitsMicro <body.json>...
var builder = new LimitedDocumentBuilder(Options.Create(new GraphQLLimitsOptions()));
var parser = new GraphQL.Execution.GraphQLDocumentBuilder();
Console.WriteLine($"{"shape",-30} {"outcome",-28} {"limits ms",10} {"parse only ms",14}");
foreach (var path in args)
{
    using var json = JsonDocument.Parse(File.ReadAllBytes(path));
    var query = json.RootElement.GetProperty("query").GetString()!;
    var outcome = Outcome(() => builder.Build(query));
    Console.WriteLine($"{Path.GetFileNameWithoutExtension(path),-30} {outcome,-28} {Best(() => builder.Build(query)),10:0.000} {Best(() => parser.Build(query)),14:0.000}");
}

static string Outcome(Action build)
{
    try
    {
        build();
        return "passes to validation";
    }
    catch (ExecutionError e)
    {
        return e.Code ?? e.GetType().Name;
    }
}

static double Best(Action build)
{
    var timer = Stopwatch.StartNew();
    var runs = 0;
    while (timer.ElapsedMilliseconds < 100 && runs < 1000)
    {
        Outcome(build); // warm-up (JIT) and an estimate of the batch size
        runs++;
    }

    var batch = Math.Max(1, runs / 5);
    var best = double.MaxValue;
    for (var i = 0; i < 15; i++)
    {
        timer.Restart();
        for (var j = 0; j < batch; j++)
        {
            Outcome(build);
        }

        best = Math.Min(best, timer.Elapsed.TotalMilliseconds / batch);
    }

    return best;
}
