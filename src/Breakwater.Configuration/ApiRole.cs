namespace Breakwater.Configuration;

/// <summary>What an API token may do: <c>read</c> every GET route, or <c>admin</c>, which also allows writes.</summary>
public enum ApiRole
{
    Read,
    Admin,
}
