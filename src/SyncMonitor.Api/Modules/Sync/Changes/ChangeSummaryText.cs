namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>A change summary in one line for people (notifications, the dashboard's history row):
/// <c>新上市 3，疑似退市 1，更名 5（新增 *ST 2），行业/板块变更 2，数值异动 4</c>.</summary>
public static class ChangeSummaryText
{
    public const string StagedHint = "rows staged until an operator approves or discards them:";

    public static string Describe(ChangeSummary? summary)
    {
        if (summary is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (summary.Listed > 0)
        {
            parts.Add($"新上市 {summary.Listed}");
        }

        if (summary.Missing > 0)
        {
            parts.Add($"疑似退市 {summary.Missing}");
        }

        if (summary.Renamed > 0)
        {
            var marks = new List<string>();
            if (summary.StAdded > 0)
            {
                marks.Add($"新增 ST {summary.StAdded}");
            }

            if (summary.StarStAdded > 0)
            {
                marks.Add($"新增 *ST {summary.StarStAdded}");
            }

            if (summary.StRemoved > 0)
            {
                marks.Add($"摘帽 {summary.StRemoved}");
            }

            parts.Add($"更名 {summary.Renamed}" + (marks.Count > 0 ? $"（{string.Join("，", marks)}）" : string.Empty));
        }

        if (summary.Reclassified > 0)
        {
            parts.Add($"行业/板块变更 {summary.Reclassified}");
        }

        if (summary.Shifted > 0)
        {
            parts.Add($"数值异动 {summary.Shifted}");
        }

        return parts.Count == 0 ? "无变化" : string.Join("，", parts);
    }
}
