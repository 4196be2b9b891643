using System.Xml.Linq;
using HtxFund.Infrastructure.Database;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace HtxFund.Infrastructure.Nodes;

/// <summary>
/// The ASP.NET Data Protection key ring (it protects sign-in cookies, bearer tokens and antiforgery tokens) lives in
/// the environment's own database, table <c>htxfund.data_protection_keys</c>, so that whatever one node issues every
/// other node accepts, and a restarted or new node keeps accepting it. Each environment (database) has its own keys.
/// The table is part of the schema model (created by a migration), outside Marten's documents, so resetting document
/// data in tests never drops keys a running node has cached.
/// </summary>
public static class DataProtectionKeys
{
    public const string Table = "data_protection_keys";
    /// <summary>One application name for every node: the default discriminator is the content root path, which
    /// differs between servers.</summary>
    public const string ApplicationName = "HtxFund";

    public static StoreOptions ConfigureDataProtectionKeys(this StoreOptions opts)
    {
        var table = new Table($"{Persistence.Schema}.{Table}");
        table.AddColumn<string>("friendly_name").AsPrimaryKey();
        table.AddColumn<string>("xml").NotNull();
        table.AddColumn("created_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        opts.Storage.ExtendedSchemaObjects.Add(table);
        return opts;
    }

    public static IServiceCollection AddHtxFundDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<PostgresXmlRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<PostgresXmlRepository>()));
        return services;
    }
}

/// <summary>Data Protection's key storage in PostgreSQL: one row per key element (XML), never updated.</summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource, ILogger<PostgresXmlRepository> logger) : IXmlRepository
{
    private static readonly string Qualified = $"{Persistence.Schema}.{DataProtectionKeys.Table}";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = dataSource.CreateCommand($"SELECT xml FROM {Qualified} ORDER BY created_at, friendly_name");
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = dataSource.CreateCommand(
            $"INSERT INTO {Qualified} (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        cmd.Parameters.AddWithValue(friendlyName);
        cmd.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
        logger.LogInformation("Stored Data Protection key element {FriendlyName} in {Table}", friendlyName, Qualified);
    }
}
