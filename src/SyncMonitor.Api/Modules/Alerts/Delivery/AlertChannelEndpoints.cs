using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Alerts.Delivery.Channels;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.Api.Modules.Alerts.Delivery;

/// <summary>A configured channel as served: every secret masked (<c>***</c>), the URL with its query values masked.</summary>
internal sealed record AlertChannelView(
    string Name,
    string Type,
    bool Enabled,
    string MinLevel,
    IReadOnlyList<string> Rules,
    string? Url,
    string? Secret,
    string? Host,
    int? Port,
    string? Tls,
    string? User,
    string? Password,
    string? From,
    IReadOnlyList<string>? To)
{
    public static AlertChannelView Of(AlertChannelConfig channel)
    {
        var settings = channel.Settings;
        var email = channel.Type == AlertChannelType.Email;
        return new AlertChannelView(
            channel.Name,
            AlertChannelNames.Of(channel.Type),
            channel.Enabled,
            AlertNames.Of(channel.MinLevel),
            channel.Rules.Order(StringComparer.Ordinal).ToList(),
            email ? null : ChannelSecrets.MaskUrl(settings.Url),
            string.IsNullOrEmpty(settings.Secret) ? null : ChannelSecrets.Mask,
            email ? settings.Host : null,
            email ? channel.SmtpPort : null,
            email ? AlertChannelNames.Of(channel.Tls) : null,
            email ? settings.User : null,
            string.IsNullOrEmpty(settings.Password) ? null : ChannelSecrets.Mask,
            email ? settings.From : null,
            email ? channel.Recipients.Select(r => r.Address).ToList() : null);
    }
}

internal sealed record AlertChannelList(IReadOnlyList<AlertChannelView> Items);

/// <summary>The answer to a channel test: whether the channel took the message, and what it replied.</summary>
internal sealed record AlertChannelTestResult(string Channel, string Type, bool Delivered, string Reply, string? Error);

internal static class AlertChannelEndpoints
{
    public static IEndpointRouteBuilder MapAlertChannelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var channels = endpoints.MapGroup(AlertsApiPaths.Channels).WithTags("Alerts");
        channels.MapGet(string.Empty, List)
            .RequireAuthorization(Policies.Viewer)
            .WithName("ListAlertChannels")
            .WithSummary("Configured alert channels (Alerts:Channels), secrets masked.");
        channels.MapPost("/{name}/test", TestAsync)
            .RequireAuthorization(Policies.Admin)
            .Audited(AuditActionTypes.Alert, "Test alert channel")
            .WithName("TestAlertChannel")
            .WithSummary("Sends a test message through the channel now and answers with the channel's reply.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static Ok<AlertChannelList> List(AlertChannelCatalog catalog)
        => TypedResults.Ok(new AlertChannelList(catalog.All.Select(AlertChannelView.Of).ToList()));

    private static async Task<Results<Ok<AlertChannelTestResult>, ProblemHttpResult>> TestAsync(
        string name, AlertChannelCatalog catalog, AlertChannelDispatcher dispatcher, AlertMessageComposer composer, CancellationToken cancellationToken)
    {
        if (catalog.Find(name) is not { } channel)
        {
            return Problems.NotFound(Texts.Get("Problem.NotFound.AlertChannel"));
        }

        var reply = await dispatcher.SendAsync(channel, composer.Test(channel.Name), cancellationToken);
        return TypedResults.Ok(new AlertChannelTestResult(channel.Name, AlertChannelNames.Of(channel.Type), reply.Delivered, reply.Reply, reply.Error));
    }
}
