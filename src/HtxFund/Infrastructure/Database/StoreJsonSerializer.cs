using System.Data.Common;
using System.Text.Encodings.Web;
using Marten;
using MartenJsonSerializer = Marten.Services.SystemTextJsonSerializer;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;
using Weasel.Storage;

namespace HtxFund.Infrastructure.Database;

/// <summary>Marten's System.Text.Json serializer, except that a JSON column is deserialised in one synchronous pass over
/// the bytes already in memory (why: docs/design/storage.md, "One synchronous pass over a JSON column"). The class
/// re-implements <see cref="IStorageSerializer"/> so that Marten's calls through the interface reach its two readers.</summary>
public sealed class StoreJsonSerializer : MartenJsonSerializer, IStorageSerializer
{
    /// <summary>The store's serializer: enums as strings, camelCase, text unescaped, NodaTime in ISO formats (with the faster
    /// <see cref="IsoJsonConverters"/> for <see cref="LocalDate"/> and <see cref="Instant"/>, and
    /// <see cref="ScheduleRowJsonConverter"/>: same text).</summary>
    public static StoreJsonSerializer Create()
    {
        var serializer = new StoreJsonSerializer { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };
        serializer.Configure(o =>
        {
            // Vietnamese text as UTF-8, not \uXXXX escapes (jsonb stores the characters either way): see
            // docs/design/storage.md, "Text written as UTF-8"
            o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.Converters.Add(IsoJsonConverters.LocalDate);
            o.Converters.Add(IsoJsonConverters.Instant);
            o.Converters.Add(new ScheduleRowJsonConverter());
            o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        });
        return serializer;
    }

    async ValueTask<T> IStorageSerializer.FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken)
    {
        await using var stream = await reader.GetFieldValueAsync<Stream>(index, cancellationToken).ConfigureAwait(false);
        return FromJson<T>(stream);
    }

    async ValueTask<object> IStorageSerializer.FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken)
    {
        await using var stream = await reader.GetFieldValueAsync<Stream>(index, cancellationToken).ConfigureAwait(false);
        return FromJson(type, stream);
    }
}
