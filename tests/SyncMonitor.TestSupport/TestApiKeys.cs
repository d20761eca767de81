using SyncMonitor.Api.Common.Auth;

namespace SyncMonitor.TestSupport;

/// <summary>One known key per role; the host under test is configured with their hashes only.</summary>
public static class TestApiKeys
{
    public const string Viewer = "test-viewer-key";
    public const string Operator = "test-operator-key";
    public const string Admin = "test-admin-key";
    public const string OtherViewer = "test-other-viewer-key";

    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration()
    {
        (string Key, string Id, string Name, string Role)[] keys =
        [
            (Viewer, "u-viewer", "Vera Viewer", "Viewer"),
            (Operator, "u-operator", "Otto Operator", "Operator"),
            (Admin, "u-admin", "Ada Admin", "Admin"),
            (OtherViewer, "u-viewer-2", "Victor Viewer", "Viewer"),
        ];
        for (var i = 0; i < keys.Length; i++)
        {
            var prefix = $"Auth:ApiKeys:{i}:";
            yield return new(prefix + "UserId", keys[i].Id);
            yield return new(prefix + "Name", keys[i].Name);
            yield return new(prefix + "Role", keys[i].Role);
            yield return new(prefix + "KeyHash", ApiKeyRegistry.Hash(keys[i].Key));
        }
    }
}
