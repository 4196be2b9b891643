using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Infrastructure.Database;

/// <summary>Converters for <see cref="LocalDate"/> (<c>uuuu-MM-dd</c>) and <see cref="Instant"/> that handle the common
/// case straight from and to UTF-8 and leave everything else to NodaTime's ISO converters, with the same text and errors
/// (why: docs/design/storage.md, "Dates and instants straight from UTF-8").</summary>
public static class IsoJsonConverters
{
    public static JsonConverter<LocalDate> LocalDate { get; } = new LocalDateConverter();
    public static JsonConverter<Instant> Instant { get; } = new InstantConverter();

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - (byte)'0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    private static void WriteDigits(Span<byte> s, int start, int count, int value)
    {
        for (var i = start + count - 1; i >= start; i--)
        {
            s[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Parses <c>yyyy-MM-dd</c> at the start of <paramref name="s"/> (years 1–9999, a real ISO day).</summary>
    private static bool TryDate(ReadOnlySpan<byte> s, out int year, out int month, out int day)
    {
        month = day = 0;
        if (!TryDigits(s, 0, 4, out year) || s[4] != '-' || !TryDigits(s, 5, 2, out month) || s[7] != '-' || !TryDigits(s, 8, 2, out day))
            return false;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month);
    }

    private static void WriteDate(Span<byte> s, int year, int month, int day)
    {
        WriteDigits(s, 0, 4, year);
        s[4] = (byte)'-';
        WriteDigits(s, 5, 2, month);
        s[7] = (byte)'-';
        WriteDigits(s, 8, 2, day);
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        private static readonly JsonConverter<LocalDate> Fallback = NodaConverters.LocalDateConverter;

        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var s = reader.ValueSpan;
                if (s.Length == 10 && TryDate(s, out var year, out var month, out var day))
                    return new LocalDate(year, month, day);
            }
            return Fallback.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options)
        {
            if (value.Year < 1 || value.Calendar != CalendarSystem.Iso)
            {
                Fallback.Write(writer, value, options);
                return;
            }
            Span<byte> s = stackalloc byte[10];
            WriteDate(s, value.Year, value.Month, value.Day);
            writer.WriteStringValue(s);
        }

        public override LocalDate ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Fallback.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            Fallback.WriteAsPropertyName(writer, value, options);
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        private static readonly JsonConverter<Instant> Fallback = NodaConverters.InstantConverter;

        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
                && TryParse(reader.ValueSpan, out var instant))
                return instant;
            return Fallback.Read(ref reader, typeToConvert, options);
        }

        private static bool TryParse(ReadOnlySpan<byte> s, out Instant instant)
        {
            instant = default;
            // yyyy-MM-ddTHH:mm:ssZ (20) up to yyyy-MM-ddTHH:mm:ss.fffffffffZ (30)
            if (s.Length < 20 || s.Length > 30 || s[^1] != 'Z' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
            if (!TryDate(s, out var year, out var month, out var day)
                || !TryDigits(s, 11, 2, out var hour) || hour > 23
                || !TryDigits(s, 14, 2, out var minute) || minute > 59
                || !TryDigits(s, 17, 2, out var second) || second > 59)
                return false;
            long nanos = 0;
            if (s.Length > 20)
            {
                var digits = s.Length - 21;
                if (s[19] != '.' || digits < 1 || !TryDigits(s, 20, digits, out var fraction)) return false;
                nanos = fraction;
                for (var i = digits; i < 9; i++) nanos *= 10;
            }
            instant = NodaTime.Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanos);
            return true;
        }

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
        {
            var utc = value.InUtc();
            if (utc.Year < 1)
            {
                Fallback.Write(writer, value, options);
                return;
            }
            Span<byte> s = stackalloc byte[30];
            WriteDate(s, utc.Year, utc.Month, utc.Day);
            s[10] = (byte)'T';
            WriteDigits(s, 11, 2, utc.Hour);
            s[13] = (byte)':';
            WriteDigits(s, 14, 2, utc.Minute);
            s[16] = (byte)':';
            WriteDigits(s, 17, 2, utc.Second);
            var length = 19;
            var nanos = utc.NanosecondOfSecond;
            if (nanos != 0)
            {
                // F: as many digits as needed, trailing zeros dropped
                var digits = 9;
                while (nanos % 10 == 0) { nanos /= 10; digits--; }
                s[19] = (byte)'.';
                WriteDigits(s, 20, digits, nanos);
                length = 20 + digits;
            }
            s[length++] = (byte)'Z';
            writer.WriteStringValue(s[..length]);
        }

        public override Instant ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Fallback.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            Fallback.WriteAsPropertyName(writer, value, options);
    }
}
