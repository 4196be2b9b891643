using System.Data.Common;
using Marten;
using MartenJsonSerializer = Marten.Services.SystemTextJsonSerializer;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;
using Weasel.Storage;

namespace HtxFund.Infrastructure.Database;

/// <summary>
/// Marten's System.Text.Json serializer with one change: a JSON column read asynchronously from a data reader
/// (events, documents) is deserialised in one synchronous pass over the column's bytes instead of through
/// <c>JsonSerializer.DeserializeAsync</c> over a stream. Marten reads whole rows into Npgsql's buffer (no sequential
/// access), so the bytes are already in memory; the streaming path only added System.Text.Json's resumable
/// converters (a copy of the reader state at every nested object, boxed constructor arguments kept across
/// buffer refills), which made it the largest cost of a projection rebuild (docs/benchmarks.md, "Projection
/// rebuild"). The options, converters and output are Marten's own (the base class); only the reading path differs.
/// </summary>
/// <remarks>The class re-implements <see cref="IStorageSerializer"/> so that Marten's calls through the interface reach
/// these two methods; everything else maps to the base class's public members.</remarks>
public sealed class StoreJsonSerializer : MartenJsonSerializer, IStorageSerializer
{
    /// <summary>The store's serializer: enums as strings, camelCase, NodaTime in ISO formats (with the faster
    /// <see cref="IsoJsonConverters"/> for <see cref="LocalDate"/> and <see cref="Instant"/>, and
    /// <see cref="ScheduleRowJsonConverter"/>: same text).</summary>
    public static StoreJsonSerializer Create()
    {
        var serializer = new StoreJsonSerializer { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };
        serializer.Configure(o =>
        {
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
