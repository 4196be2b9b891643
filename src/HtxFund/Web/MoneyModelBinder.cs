using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HtxFund.Web;

/// <summary>Marks a <c>long</c>/<c>long?</c> page property as an amount of đồng typed by a person.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MoneyAttribute : Attribute;

/// <summary>
/// Reads money as people type it: <c>1.500.000.000</c>, <c>1500000000</c>, <c>1 500 000 000</c> or <c>1.500.000.000 ₫</c>.
/// Dots (or spaces) must group by thousands; anything else is a Vietnamese field error, never a guess.
/// </summary>
public sealed partial class MoneyModelBinder : IModelBinder
{
    public const string Invalid = "Số tiền không hợp lệ: nhập số đồng, ví dụ 1.500.000.000 hoặc 1500000000.";

    [GeneratedRegex(@"^\d{1,3}([. ]\d{3})+$|^\d+$")]
    private static partial Regex Shape();

    public static long? Parse(string? text, out bool valid)
    {
        valid = true;
        var s = (text ?? "").Replace("₫", "").Replace("đồng", "").Replace("đ", "").Replace('\u00a0', ' ').Trim();
        if (s.Length == 0) return null;
        if (!Shape().IsMatch(s) || !long.TryParse(s.Replace(".", "").Replace(" ", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            valid = false;
            return null;
        }
        return value;
    }

    public Task BindModelAsync(ModelBindingContext context) =>
        TypedText.Bind(context, text => (Parse(text, out var valid), valid), Invalid, 0L);
}

/// <summary>Binds <see cref="MoneyAttribute"/> and <see cref="RateAttribute"/> properties.</summary>
public sealed class MoneyModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        var attributes = context.Metadata is Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelMetadata m
            ? m.Attributes.Attributes : [];
        if ((type == typeof(long) || type == typeof(long?)) && attributes.OfType<MoneyAttribute>().Any()) return new MoneyModelBinder();
        if ((type == typeof(decimal) || type == typeof(decimal?)) && attributes.OfType<RateAttribute>().Any()) return new RateModelBinder();
        return null;
    }
}

/// <summary>Marks a <c>decimal</c>/<c>decimal?</c> page property as a rate or percentage typed by a person.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RateAttribute : Attribute;

/// <summary>Reads <c>6,5</c> and <c>6.5</c> alike (a rate has no thousands separator), whatever the page's culture;
/// anything else is a Vietnamese field error.</summary>
public sealed class RateModelBinder : IModelBinder
{
    public const string Invalid = "Tỷ lệ không hợp lệ: nhập số, ví dụ 6,5.";

    public static decimal? Parse(string? text, out bool valid)
    {
        valid = true;
        var s = (text ?? "").Replace("%", "").Trim();
        if (s.Length == 0) return null;
        if (s.Count(c => c is ',' or '.') > 1 ||
            !decimal.TryParse(s.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            valid = false;
            return null;
        }
        return value;
    }

    public Task BindModelAsync(ModelBindingContext context) =>
        TypedText.Bind(context, text => (Parse(text, out var valid), valid), Invalid, 0m);
}

/// <summary>Binding a number typed by a person: the raw text is kept for redisplay; text that does not read is a
/// Vietnamese field error; an empty field is null (or <paramref name="zero"/> for a non-nullable property).</summary>
internal static class TypedText
{
    public static Task Bind<T>(ModelBindingContext context, Func<string?, (T? Value, bool Valid)> parse, string invalid, T zero)
        where T : struct
    {
        var raw = context.ValueProvider.GetValue(context.ModelName);
        if (raw == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, raw);
        var (value, valid) = parse(raw.FirstValue);
        if (!valid)
        {
            context.ModelState.TryAddModelError(context.ModelName, invalid);
            context.Result = ModelBindingResult.Failed();
        }
        else context.Result = ModelBindingResult.Success(value is null && context.ModelType == typeof(T) ? zero : value);
        return Task.CompletedTask;
    }
}
