namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>What to do with two sources' values, by confidence (SPEC §6.1): &gt; .8 either, &gt; .6 primary with a
/// warning, &gt; .3 primary only, else investigate. The bands are strict: exactly 0.8 is not "use either".</summary>
public static class RecommendedActions
{
    public const string UseEither = "use_either";
    public const string UsePrimaryWithWarning = "use_primary_with_warning";
    public const string UsePrimaryOnly = "use_primary_only";
    public const string InvestigateSources = "investigate_sources";

    public static string For(double confidence) => confidence switch
    {
        > 0.8 => UseEither,
        > 0.6 => UsePrimaryWithWarning,
        > 0.3 => UsePrimaryOnly,
        _ => InvestigateSources,
    };
}
