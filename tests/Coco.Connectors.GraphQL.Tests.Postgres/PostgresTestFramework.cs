using Coco.Connectors.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Coco.Connectors.Tests.Postgres.PostgresTestFramework", "Coco.Connectors.GraphQL.Tests.Postgres")]

namespace Coco.Connectors.Tests.Postgres;

/// <summary>
/// On a machine without PostgreSQL every test of this assembly is reported as skipped, with the reason, instead of
/// failing; under <c>CI=true</c> they run (and fail loudly) so a CI without PostgreSQL cannot pass unnoticed.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private static string? SkipReason =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? null : PostgresCluster.UnavailableReason;

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider source, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, source, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (SkipReason is not { } reason)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            if (!testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                return true;
            }

            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
