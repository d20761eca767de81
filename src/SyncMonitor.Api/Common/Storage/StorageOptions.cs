using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Common.Storage;

public enum StorageProvider
{
    Sqlite,
    Mongo,
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    [EnumDataType(typeof(StorageProvider))]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public MongoStorageOptions Mongo { get; set; } = new();
}

public sealed class MongoStorageOptions
{
    public string ConnectionString { get; set; } = string.Empty;

    public string Database { get; set; } = "syncmonitor";
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider != StorageProvider.Mongo)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.Mongo.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:Mongo:ConnectionString is required when Storage:Provider is Mongo.");
        }

        if (!options.Mongo.ConnectionString.StartsWith("mongodb://", StringComparison.Ordinal)
            && !options.Mongo.ConnectionString.StartsWith("mongodb+srv://", StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail("Storage:Mongo:ConnectionString must start with mongodb:// or mongodb+srv://.");
        }

        return string.IsNullOrWhiteSpace(options.Mongo.Database)
            ? ValidateOptionsResult.Fail("Storage:Mongo:Database is required when Storage:Provider is Mongo.")
            : ValidateOptionsResult.Success;
    }
}
