using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary>AKTools answered <c>{"error": "..."}</c> (unknown function, empty result, bad parameters) instead of records.</summary>
public sealed class AkToolsException(string function, string error)
    : SourceProtocolException(SourceFailureKind.BadResponse, $"AKTools {function}: {error}", isTransient: false);
