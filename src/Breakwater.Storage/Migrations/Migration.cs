namespace Breakwater.Storage.Migrations;

/// <summary>
/// One schema step. <see cref="Version"/> numbers are unique and only grow; a released migration is never edited
/// (a change is a new migration). Each dialect gets its own SQL; statements are separated by semicolons.
/// </summary>
public sealed record Migration(int Version, string Name, string Sqlite, string Postgres);
