using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Auth;

/// <summary>Maps the SHA-256 of a presented key to its user. Plain keys are never kept: configured keys
/// arrive hashed; the generated admin key is hashed as soon as it is read or written.</summary>
public sealed partial class ApiKeyRegistry
{
    public const string AdminKeyFileName = "admin.key";

    private readonly Dictionary<string, ApiUser> _usersByHash;

    public ApiKeyRegistry(IOptions<AuthOptions> auth, IOptions<ServiceOptions> service, ILogger<ApiKeyRegistry> logger)
    {
        _usersByHash = auth.Value.ApiKeys.ToDictionary(
            k => k.KeyHash.ToLowerInvariant(),
            k => new ApiUser(k.UserId, k.Name, k.Role),
            StringComparer.Ordinal);
        if (_usersByHash.Count == 0)
        {
            var path = service.Value.DataPath(AdminKeyFileName);
            var key = ReadOrCreateAdminKey(path, out var created);
            _usersByHash[Hash(key)] = new ApiUser("admin", "admin", UserRole.Admin);
            LogAdminKey(logger, created ? "Generated" : "Using", path);
        }
    }

    public ApiUser? Find(string presentedKey)
        => _usersByHash.TryGetValue(Hash(presentedKey), out var user) ? user : null;

    public static string Hash(string key)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));

    private static string ReadOrCreateAdminKey(string path, out bool created)
    {
        if (File.Exists(path))
        {
            created = false;
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = "sm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, Encoding.ASCII, fileOptions))
        {
            writer.Write(key);
            writer.Write('\n');
        }

        created = true;
        return key;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys configured. {Action} the admin API key in {Path} (mode 0600); send it as X-Api-Key")]
    private static partial void LogAdminKey(ILogger logger, string action, string path);
}
