using System.Globalization;
using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>A change summary in one line for people (notifications, the dashboard's history row), in one language:
/// <c>新上市 3，疑似退市 1，更名 5（新增 *ST 2），行业/板块变更 2，数值异动 4</c> or
/// <c>3 listed, 1 possibly delisted, 5 renamed (2 new *ST), 2 reclassified, 4 with values beyond their band</c>.</summary>
public static class ChangeSummaryText
{
    /// <summary>In the default language (zh-CN).</summary>
    public static string Describe(ChangeSummary? summary) => Describe(summary, LocalizationModule.DefaultCulture);

    public static string Describe(ChangeSummary? summary, CultureInfo culture)
    {
        if (summary is null)
        {
            return string.Empty;
        }

        string T(string key, params object?[] args) => Texts.In(culture, key, args);
        var parts = new List<string>();
        if (summary.Listed > 0)
        {
            parts.Add(T("Changes.Listed", summary.Listed));
        }

        if (summary.Missing > 0)
        {
            parts.Add(T("Changes.Missing", summary.Missing));
        }

        if (summary.Renamed > 0)
        {
            var marks = new List<string>();
            if (summary.StAdded > 0)
            {
                marks.Add(T("Changes.StAdded", summary.StAdded));
            }

            if (summary.StarStAdded > 0)
            {
                marks.Add(T("Changes.StarStAdded", summary.StarStAdded));
            }

            if (summary.StRemoved > 0)
            {
                marks.Add(T("Changes.StRemoved", summary.StRemoved));
            }

            parts.Add(T("Changes.Renamed", summary.Renamed)
                + (marks.Count > 0 ? T("Changes.Marks", string.Join(T("Changes.Separator"), marks)) : string.Empty));
        }

        if (summary.Reclassified > 0)
        {
            parts.Add(T("Changes.Reclassified", summary.Reclassified));
        }

        if (summary.Shifted > 0)
        {
            parts.Add(T("Changes.Shifted", summary.Shifted));
        }

        return parts.Count == 0 ? T("Changes.None") : string.Join(T("Changes.Separator"), parts);
    }
}
