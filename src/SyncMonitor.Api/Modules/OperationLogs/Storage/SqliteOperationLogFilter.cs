using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>Turns a filter into a WHERE clause made only of constant fragments, every value a parameter.</summary>
internal static class SqliteOperationLogFilter
{
    public static string Where(OperationLogFilter filter, SqliteCommand command)
    {
        var clauses = new List<string>(6);
        if (filter.From is { } from)
        {
            clauses.Add("timestamp >= @from");
            command.With("@from", from.ToStoredTime());
        }

        if (filter.Until is { } until)
        {
            clauses.Add("timestamp < @until");
            command.With("@until", until.ToStoredTime());
        }

        if (filter.ActionType is { } actionType)
        {
            clauses.Add("action_type = @action_type");
            command.With("@action_type", actionType);
        }

        if (filter.Success is { } success)
        {
            clauses.Add("success = @success");
            command.With("@success", success ? 1 : 0);
        }

        if (filter.UserId is { } userId)
        {
            clauses.Add("user_id = @user_id");
            command.With("@user_id", userId);
        }

        if (!string.IsNullOrEmpty(filter.Keyword))
        {
            // instr() compares text literally: no pattern characters, no escaping to get wrong. lower() on both
            // sides makes it case-insensitive (ASCII, as SQLite's lower() folds). Details are JSON text, so they are
            // searched for the keyword as JSON writes it.
            clauses.Add("(instr(lower(action), lower(@keyword)) > 0 OR instr(lower(username), lower(@keyword)) > 0 "
                + "OR instr(lower(details), lower(@keyword_json)) > 0)");
            command.With("@keyword", filter.Keyword).With("@keyword_json", DetailsJson.EncodeFragment(filter.Keyword));
        }

        return clauses.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", clauses);
    }
}
