namespace SyncMonitor.Api.Common.Auth;

/// <summary>Roles in ascending power: viewer &lt; operator &lt; admin.</summary>
public enum UserRole
{
    Viewer,
    Operator,
    Admin,
}

/// <summary>Authorization policy names; each admits its role and every stronger one.</summary>
public static class Policies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
}
