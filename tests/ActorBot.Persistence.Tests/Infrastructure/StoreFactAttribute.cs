using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>Marks a test class whose tests need the PostgreSQL server binaries.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute
{
}

/// <summary>
/// A fact of a contract shared by several databases. xunit 2 evaluates an attribute's Skip once per method, not
/// per class, so the skip decision is taken per test case: in a <see cref="RequiresPostgresAttribute"/> class
/// without PostgreSQL binaries the case is skipped with the install hint.
/// </summary>
[XunitTestCaseDiscoverer("ActorBot.Persistence.Tests.Infrastructure.StoreFactDiscoverer", "ActorBot.Persistence.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}

public sealed class StoreFactDiscoverer : FactDiscoverer
{
    public StoreFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(sink, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        return needsPostgres && PostgresBinaries.Directory is null ? PostgresBinaries.MissingMessage : base.GetSkipReason(factAttribute);
    }
}
