namespace HtxFund.Infrastructure.Http;

/// <summary>The house CSV conventions for spreadsheets: UTF-8 with BOM, <c>;</c> between fields, CRLF between lines.</summary>
public static class CsvText
{
    /// <summary>A text cell: quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is
    /// prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>The text as UTF-8 bytes with the BOM spreadsheets need to read Vietnamese.</summary>
    public static byte[] Utf8WithBom(string text) => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];
}
