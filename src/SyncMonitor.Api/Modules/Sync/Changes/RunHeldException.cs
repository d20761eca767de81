namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>Thrown by a stock-basics work whose rows the guard held back (staged, not written): the run ends
/// <c>held</c> with this message, and a composite run stops there.</summary>
public sealed class RunHeldException(Common.Localization.LocalizedText text)
    : Exception(RunMessages.Render([text], Common.Localization.LocalizationModule.DefaultCulture))
{
    public Common.Localization.LocalizedText Text { get; } = text;
}
