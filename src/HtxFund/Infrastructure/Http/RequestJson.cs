using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Infrastructure.Http;

/// <summary>
/// Reads the JSON body of a command once, before Wolverine binds it (<see cref="RequestBodyGuardMiddleware"/>), with
/// the same options Wolverine uses, so that every way a body can fail to be read becomes one answer: a 400
/// ProblemDetails that names the field when there is one (<c>errors</c> and <c>fieldCodes</c> keyed by the field's
/// path, e.g. <c>proposal.startDate</c> or <c>collateral[0].description</c>), whatever the endpoint and however deep
/// the field. Covered: malformed JSON, a value of the wrong type at any depth, a date that is not a calendar date or
/// lies outside <see cref="RequestDates"/>, text that <see cref="InputText"/> refuses, and a list holding
/// <c>null</c> items. A new command needs nothing to be covered.
/// </summary>
public static class RequestJson
{
    /// <summary>Adds the reading rules to the HTTP JSON options (Wolverine's and the guard's, they are the same
    /// instance): every string through <see cref="InputText"/>, every date within <see cref="RequestDates"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Insert(0, new PlainTextJsonConverter());
        options.Converters.Insert(0, new BoundedLocalDateJsonConverter());
    }

    /// <summary>The refusal of a body, or null when it reads into <paramref name="type"/> and holds no null list item.</summary>
    public static async Task<ProblemDetails?> CheckAsync(Stream body, Type type, JsonSerializerOptions options, CancellationToken ct)
    {
        object? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync(body, type, options, ct);
        }
        catch (JsonException e)
        {
            return Refusal(e, type, options);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Reading a client's bytes must never be a server error, whatever a converter throws.
            return Malformed("Nội dung JSON không đọc được.");
        }
        if (value is null) return BodyRequired;
        var errors = new List<FieldError>();
        NullItems(value, "", errors, options, depth: 0);
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }

    public static ProblemDetails BodyRequired => Problems.Create(400, "request.body_required", "Dữ liệu không hợp lệ",
        "Nội dung yêu cầu phải là một đối tượng JSON, không được để trống (null).");

    private static ProblemDetails Malformed(string detail) =>
        Problems.Create(400, "request.malformed_json", "Dữ liệu không hợp lệ", detail);

    private static ProblemDetails Refusal(JsonException e, Type root, JsonSerializerOptions options)
    {
        // A syntax error (System.Text.Json's internal JsonReaderException, which the serializer wraps with the path where
        // it stopped) is the body's fault, not a field's.
        var syntax = IsSyntax(e) || IsSyntax(e.InnerException);
        var field = syntax ? null : FieldPath(e.Path);
        if (field is null)
            return Malformed(syntax ? $"Nội dung JSON không đúng cú pháp (dòng {e.LineNumber + 1}, vị trí {e.BytePositionInLine + 1})."
                : "Nội dung yêu cầu phải là một đối tượng JSON.");
        var target = TypeAt(root, e.Path!, options);
        return Problems.Validation([e switch
        {
            TextRefusedException text => InputText.Refusal(field, text.Fault),
            DateOutOfRangeException => new FieldError(field, "date.out_of_range",
                $"Ngày phải trong khoảng {RequestDates.Earliest:dd/MM/yyyy} – {RequestDates.Latest:dd/MM/yyyy}."),
            _ when e.InnerException is InvalidOperationException && target == typeof(string) =>
                InputText.Refusal(field, TextFault.InvalidUnicode),
            _ => WrongValue(field, target),
        }]);
    }

    private static bool IsSyntax(Exception? e) => e?.GetType().Name == "JsonReaderException";

    /// <summary>The field refusal for a value that cannot be read as the field's type.</summary>
    private static FieldError WrongValue(string field, Type? target)
    {
        var t = target is null ? null : Nullable.GetUnderlyingType(target) ?? target;
        return t switch
        {
            null => new(field, "value.invalid", "Giá trị không hợp lệ."),
            _ when t == typeof(string) => new(field, "text.invalid", "Giá trị phải là một chuỗi văn bản."),
            _ when t == typeof(LocalDate) || t == typeof(LocalDateTime) || t == typeof(Instant) || t == typeof(YearMonth)
                   || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) =>
                new(field, "date.invalid", "Giá trị phải là một ngày có thật, dạng yyyy-MM-dd (ví dụ 2026-06-30)."),
            _ when t == typeof(bool) => new(field, "boolean.invalid", "Giá trị phải là true hoặc false."),
            _ when t == typeof(Guid) => new(field, "id.invalid", "Giá trị phải là một mã định danh (GUID)."),
            _ when t.IsEnum => new(field, "value.unknown", $"Giá trị phải là một trong: {string.Join(", ", Enum.GetNames(t))}."),
            _ when t.IsPrimitive || t == typeof(decimal) || t == typeof(Lending.Money) =>
                new(field, "number.invalid", "Giá trị phải là một số trong giới hạn cho phép."),
            _ when typeof(IEnumerable).IsAssignableFrom(t) => new(field, "list.invalid", "Giá trị phải là một danh sách (mảng JSON)."),
            _ => new(field, "object.invalid", "Giá trị phải là một đối tượng JSON."),
        };
    }

    /// <summary>"$.proposal.startDate" → "proposal.startDate", "$.plan[2].dueDate" → "plan[2].dueDate"; null for the
    /// whole body.</summary>
    public static string? FieldPath(string? jsonPath)
    {
        if (jsonPath is null || jsonPath == "$" || !jsonPath.StartsWith('$')) return null;
        var path = jsonPath[1..].TrimStart('.');
        // ['odd name'] segments (names that need quoting) are written as plain names
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\['([^']*)'\]", m => "." + m.Groups[1].Value).TrimStart('.');
        return path.Length == 0 ? null : path;
    }

    /// <summary>The declared type at a JSON path of <paramref name="root"/> (null when the path leaves the type).</summary>
    private static Type? TypeAt(Type root, string jsonPath, JsonSerializerOptions options)
    {
        Type? current = root;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(jsonPath, @"\.([^.\[]+)|\['([^']*)'\]|\[(\d+)\]"))
        {
            if (current is null) return null;
            current = Nullable.GetUnderlyingType(current) ?? current;
            if (m.Groups[3].Success)
            {
                current = ElementType(current);
                continue;
            }
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            current = Properties(current, options).FirstOrDefault(p => p.JsonName == name).Property?.PropertyType;
        }
        return current;
    }

    private static Type? ElementType(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    private static readonly ConcurrentDictionary<Type, (string JsonName, PropertyInfo Property)[]> PropertyCache = new();

    /// <summary>The properties System.Text.Json reads: public, settable (set or init) or a record's constructor
    /// parameters, by their JSON name.</summary>
    private static (string JsonName, PropertyInfo Property)[] Properties(Type type, JsonSerializerOptions options) =>
        PropertyCache.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && p.SetMethod is not null
                        && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, p))
            .ToArray());

    /// <summary>Our own command shapes (records, classes and structs of this application), as opposed to framework
    /// types, strings and enumerations.</summary>
    private static bool IsCommandShape(Type t) =>
        !t.IsEnum && !t.IsPrimitive && t.Assembly is var a && (a == typeof(RequestJson).Assembly || a == typeof(Lending.Money).Assembly)
        && t != typeof(Lending.Money);

    /// <summary>A list holding <c>null</c> (<c>"plan": [null]</c>, <c>"reasons": ["a", null]</c>) is refused at reading,
    /// for every list of every command at any depth: no validator or handler ever sees a null item.</summary>
    private static void NullItems(object value, string path, List<FieldError> errors, JsonSerializerOptions options, int depth)
    {
        if (depth > 16 || errors.Count >= 20 || !IsCommandShape(value.GetType())) return;
        foreach (var (name, property) in Properties(value.GetType(), options))
        {
            var here = path.Length == 0 ? name : $"{path}.{name}";
            switch (property.GetValue(value))
            {
                case null or string:
                    break;
                case IEnumerable items and not IDictionary:
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is null) errors.Add(new FieldError($"{here}[{i}]", "list.null_item", "Danh sách không được chứa phần tử rỗng (null)."));
                        else NullItems(item, $"{here}[{i}]", errors, options, depth + 1);
                        if (++i >= 10_000 || errors.Count >= 20) break;
                    }
                    break;
                case var nested:
                    NullItems(nested, here, errors, options, depth + 1);
                    break;
            }
        }
    }
}

/// <summary>The window every date read from a request falls in, whatever the field: a typo such as 0001-01-01 or
/// 9999-12-31 is refused before any schedule is computed from it. Each field's own, narrower window is its validator's
/// (<see cref="Validation.PastDate{T}"/>, <see cref="Validation.LoanStartDate{T}"/>).</summary>
public static class RequestDates
{
    /// <summary>Before any person or cooperative the funds deal with (cooperatives registered from 1945).</summary>
    public static readonly LocalDate Earliest = new(1900, 1, 1);
    /// <summary>After any loan's last due date (terms are at most 50 years).</summary>
    public static readonly LocalDate Latest = new(2100, 12, 31);

    public static bool Contains(LocalDate date) => date >= Earliest && date <= Latest;
}

/// <summary>Text read from request JSON passes <see cref="InputText.Check"/> (no control characters other than tab,
/// line feed and carriage return, no noncharacters, no lone surrogates, at most <see cref="InputText.MaxLength"/>
/// characters); anything else is a <see cref="TextRefusedException"/>, a 400 naming the field.</summary>
public sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a JSON string, got {reader.TokenType}.");
        return Check(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Check(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Check(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // an escaped lone surrogate ("\ud800") or bytes that are not UTF-8
            throw new TextRefusedException(TextFault.InvalidUnicode);
        }
        var fault = InputText.Check(text);
        return fault == TextFault.None ? text : throw new TextRefusedException(fault);
    }
}

/// <summary>Text in a request body that <see cref="InputText"/> refuses.</summary>
public sealed class TextRefusedException(TextFault fault) : JsonException($"Text refused: {fault}.")
{
    public TextFault Fault { get; } = fault;
}

/// <summary>A date outside <see cref="RequestDates"/>.</summary>
public sealed class DateOutOfRangeException() : JsonException("Date outside the accepted window.");

/// <summary>Reads <see cref="LocalDate"/> as NodaTime's ISO converter does (a calendar-invalid date such as 2026-02-30
/// is a JSON error) and refuses dates outside <see cref="RequestDates"/>; writes exactly as NodaTime does.</summary>
public sealed class BoundedLocalDateJsonConverter : JsonConverter<LocalDate>
{
    private static readonly JsonConverter<LocalDate> Iso = NodaConverters.LocalDateConverter;

    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a date as a JSON string, got {reader.TokenType}.");
        var date = Iso.Read(ref reader, typeToConvert, options);
        return RequestDates.Contains(date) ? date : throw new DateOutOfRangeException();
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) => Iso.Write(writer, value, options);
}
