using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace RoCoIn.Web.Tests.Workspace;

/// <summary>What a workspace holds, in a form tests can compare: every table's rows, every file's hash.</summary>
internal static class WorkspaceSnapshot
{
    /// <summary>
    /// Every row of every table as one line "table: value | value | …", sorted. sqlite_sequence is left out: a restore
    /// keeps ids ahead of those already handed out on purpose (ADR-011).
    /// </summary>
    public static IReadOnlyList<string> Database(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence';";
            using var reader = list.ExecuteReader();
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }
        var rows = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\";";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add($"{table}: " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.GetValue(i) switch
                    {
                        DBNull => "null",
                        byte[] bytes => Convert.ToHexString(bytes),
                        var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                    })));
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Every file under <paramref name="folder"/> (relative path with '/') and its SHA-256; empty when the folder does not exist.</summary>
    public static SortedDictionary<string, string> Files(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
            return files;
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(folder, path).Replace('\\', '/')] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return files;
    }

    /// <summary>Writes <paramref name="content"/> as a content-addressed model file; returns its hash.</summary>
    public static string WriteModelFile(string dataPath, byte[] content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        Directory.CreateDirectory(Path.Combine(dataPath, "models"));
        File.WriteAllBytes(Path.Combine(dataPath, "models", $"{hash}.onnx"), content);
        return hash;
    }

    /// <summary>Writes a file under the data folder, making its folders.</summary>
    public static string WriteFile(string dataPath, string relativePath, string content)
    {
        var path = Path.Combine(dataPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
