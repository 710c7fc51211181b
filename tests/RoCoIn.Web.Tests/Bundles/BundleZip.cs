using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace RoCoIn.Web.Tests.Bundles;

/// <summary>A bundle's entries in memory, to look into and to tamper with.</summary>
public sealed class BundleZip
{
    private BundleZip(List<(string Path, byte[] Bytes)> entries) => Entries = entries;

    public List<(string Path, byte[] Bytes)> Entries { get; }

    public static BundleZip Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return new BundleZip(archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList());
    }

    public byte[] this[string path]
    {
        get => Entries.Single(e => e.Path == path).Bytes;
        set => Entries[Entries.FindIndex(e => e.Path == path)] = (path, value);
    }

    public string Text(string path) => Encoding.UTF8.GetString(this[path]);

    public JsonNode Manifest
    {
        get => JsonNode.Parse(Text("bundle.json"))!;
        set => this["bundle.json"] = Encoding.UTF8.GetBytes(value.ToJsonString());
    }

    public IEnumerable<string> Paths => Entries.Select(e => e.Path);

    public void Remove(string path) => Entries.RemoveAll(e => e.Path == path);

    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in Entries)
            {
                using var stream = archive.CreateEntry(path).Open();
                stream.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
