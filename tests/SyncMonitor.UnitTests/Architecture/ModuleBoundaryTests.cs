using System.Reflection;
using NetArchTest.Rules;

namespace SyncMonitor.UnitTests.Architecture;

/// <summary>Modules stay apart (STYLE: "a module talks to another only through a small public interface, never through
/// its storage"). What the code really has: a module's <c>Storage</c> namespace holds both its public store interfaces
/// (e.g. <c>ISyncRunReader</c>, <c>IDailyBasicStore</c>, which other modules may use) and its provider implementations
/// (<c>Storage.Sqlite</c>, <c>Storage.Mongo</c>); <c>Sync.Manager</c> holds the public <c>SyncManager</c> every sync goes
/// through (compensation uses it) and its internal machinery. So the rules are: another module never uses a provider
/// implementation, nor a non-public type of a <c>Storage</c> or <c>Manager</c> namespace.</summary>
public sealed class ModuleBoundaryTests
{
    private const string Modules = "SyncMonitor.Api.Modules";
    private static readonly Assembly Api = typeof(Program).Assembly;

    public static TheoryData<string> ModuleNames()
    {
        var names = Api.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith(Modules + ".", StringComparison.Ordinal))
            .Select(n => n.Split('.')[3]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void No_other_module_uses_a_modules_storage_providers_or_the_internals_of_its_Storage_and_Manager(string module)
    {
        var root = $"{Modules}.{module}";
        var internals = Api.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith(root + ".", StringComparison.Ordinal) && IsStorageOrManager(ns))
            .Where(t => IsProviderImplementation(t.Namespace!) || !IsVisibleOutsideTheAssembly(t))
            .Select(t => t.FullName!.Split('`')[0])
            .ToArray();

        var result = Types.InAssembly(Api)
            .That().ResideInNamespaceStartingWith(Modules)
            .And().DoNotResideInNamespaceStartingWith(root + ".")
            .And().DoNotResideInNamespace(root)
            .ShouldNot().HaveDependencyOnAny(internals)
            .GetResult();

        result.IsSuccessful.Should().BeTrue("types outside {0} use its storage or manager internals: {1}",
            module, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>One stated exception: endpoints in <c>Common/Scheduling</c> carry the operation log's audit marker
    /// (<c>.Audited(...)</c>, <c>AuditActionTypes</c>), a convention every module's endpoints share. Moving it into
    /// Common would touch every endpoint file; it is listed here instead, so any other dependency still fails.</summary>
    [Fact]
    public void Common_uses_no_module()
    {
        var result = Types.InAssembly(Api)
            .That().ResideInNamespaceStartingWith("SyncMonitor.Api.Common")
            .ShouldNot().HaveDependencyOnAny(Api.GetTypes()
                .Where(t => t.Namespace?.StartsWith(Modules, StringComparison.Ordinal) == true && !IsAuditMarker(t))
                .Select(t => t.FullName!.Split('`')[0]).ToArray())
            .GetResult();

        result.IsSuccessful.Should().BeTrue("Common depends on modules: {0}", string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_rules_see_dependencies_on_internal_types()
    {
        // Guards against the rules passing vacuously: the Stocks read store does use the internal row mapping in Common.
        Types.InAssembly(Api).That().ResideInNamespace($"{Modules}.Stocks.Storage.Sqlite")
            .ShouldNot().HaveDependencyOn("SyncMonitor.Api.Common.Storage.Sqlite.MarketDataRows")
            .GetResult().IsSuccessful.Should().BeFalse();
        ModuleNames().Should().HaveCountGreaterThan(5);
    }

    private static bool IsStorageOrManager(string ns)
        => ns.Split('.').Any(part => part is "Storage" or "Manager");

    private static bool IsProviderImplementation(string ns)
        => ns.EndsWith(".Storage.Sqlite", StringComparison.Ordinal) || ns.EndsWith(".Storage.Mongo", StringComparison.Ordinal);

    private static bool IsVisibleOutsideTheAssembly(Type type)
        => type.IsPublic || (type.IsNestedPublic && type.DeclaringType is { } outer && IsVisibleOutsideTheAssembly(outer));

    private static bool IsAuditMarker(Type type)
        => type.Namespace == $"{Modules}.OperationLogs" && type.Name is "AuditMetadata" or "AuditEndpointExtensions" or "AuditActionTypes";
}
