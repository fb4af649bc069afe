using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>
/// Collects the <c>bgp</c>, <c>mitigation</c> and <c>groups.NAME.mitigation</c> nodes while the loader walks the file, so
/// that group overrides apply on top of the defaults wherever the sections appear.
/// </summary>
internal sealed class MitigationNodes
{
    public Dictionary<string, YamlNode> Groups { get; } = new(StringComparer.Ordinal);

    public BgpSettings? Bgp { get; private set; }

    public MitigationSettings Defaults { get; private set; } = new();

    public void Read(YamlNodeReader reader, string key, YamlNode node)
    {
        if (key == "bgp")
        {
            Bgp = ConfigLoader.ReadBgpSection(reader, node);
        }
        else
        {
            Defaults = ConfigLoader.ReadMitigationSection(reader, node, "mitigation", new MitigationSettings());
        }
    }

    public Dictionary<string, MitigationSettings> Overrides(YamlNodeReader reader) =>
        Groups.ToDictionary(g => g.Key, g => ConfigLoader.ReadMitigationSection(reader, g.Value, $"groups.{g.Key}.mitigation", Defaults), StringComparer.Ordinal);
}
