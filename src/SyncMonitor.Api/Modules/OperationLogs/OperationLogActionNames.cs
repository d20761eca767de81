using System.Globalization;
using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>Names for people of the audited actions (<c>Action.{action}</c> in the text resources). The stored
/// <c>action</c> is the stable code (the English phrase endpoints are marked with); a manual entry's own text, or a
/// <c>METHOD /route</c> of an unmarked request, is shown as it is.</summary>
public static class OperationLogActionNames
{
    public static string Display(string action, CultureInfo culture)
        => Texts.Find(culture, "Action." + action) ?? action;
}
