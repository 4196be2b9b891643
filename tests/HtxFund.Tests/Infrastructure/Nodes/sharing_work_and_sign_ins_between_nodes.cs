using System.Net;
using Alba;
using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using HtxFund.Infrastructure.Nodes;
using HtxFund.Tests.Support;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit.Abstractions;
using static HtxFund.Tests.Infrastructure.Nodes.Cluster;

namespace HtxFund.Tests.Infrastructure.Nodes;

/// <summary>What several nodes on one database share besides projections: Hangfire's recurring jobs (each occurrence
/// runs once, on whichever node's server picks it up) and the Data Protection key ring (sign-ins work on every node).</summary>
[Collection(IntegrationCollection.Name)]
public sealed class sharing_work_and_sign_ins_between_nodes(ITestOutputHelper output)
{
    [Fact]
    public async Task a_recurring_job_due_while_two_nodes_run_hangfire_servers_runs_once_per_occurrence()
    {
        await using var cluster = await CreateAsync();
        static void WithHangfireServer(IWebHostBuilder b)
        {
            b.UseSetting("HtxFund:Jobs:RunServer", "true");
            b.UseSetting("HtxFund:Jobs:HeartbeatCron", "*/2 * * * * *"); // every 2 seconds
            b.UseSetting("HtxFund:Jobs:SchedulePollingSeconds", "0.5");
        }
        await cluster.StartNodeAsync(WithHangfireServer);
        await cluster.StartNodeAsync(WithHangfireServer);
        await Eventually(async () => await Scalar(cluster, "SELECT count(*) FROM hangfire.server") == 2, "both Hangfire servers are registered");

        // Each due occurrence is enqueued once (one job per occurrence time) and each job is processed once; the heartbeat
        // handler has counted exactly the jobs that succeeded.
        await Eventually(async () =>
        {
            var succeeded = await Scalar(cluster, HeartbeatJobs + " AND j.statename = 'Succeeded'");
            return succeeded >= 4 && await Scalar(cluster, "SELECT coalesce((SELECT (data->>'count')::bigint FROM htxfund.mt_doc_systemheartbeat), 0)") == succeeded;
        }, "four heartbeats ran and each was counted once", TimeSpan.FromSeconds(60));

        var jobs = await Scalar(cluster, HeartbeatJobs);
        var occurrences = await Scalar(cluster,
            "SELECT count(DISTINCT p.value) FROM hangfire.jobparameter p WHERE p.name = 'Time' AND p.jobid IN (SELECT j.id " + HeartbeatJobs[(HeartbeatJobs.IndexOf("FROM", StringComparison.Ordinal))..] + ")");
        occurrences.ShouldBe(jobs, "one job per occurrence: no occurrence was enqueued by both nodes");
        (await Scalar(cluster, "SELECT count(*) FROM (SELECT jobid FROM hangfire.state WHERE name = 'Processing' GROUP BY jobid HAVING count(*) > 1) twice"))
            .ShouldBe(0, "no job was processed twice");
        output.WriteLine($"{jobs} heartbeat jobs, {occurrences} occurrences, " +
                         $"{await Scalar(cluster, "SELECT count(DISTINCT data->>'ServerId') FROM hangfire.state WHERE name = 'Processing'")} servers processed them");
    }

    private const string HeartbeatJobs =
        "SELECT count(*) FROM hangfire.job j WHERE EXISTS (SELECT 1 FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'RecurringJobId' AND p.value = '\"heartbeat\"')";

    private static async Task<long> Scalar(Cluster cluster, string sql)
    {
        await using var conn = new NpgsqlConnection(cluster.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task a_cookie_and_a_bearer_token_issued_by_one_node_are_accepted_by_another_because_the_key_ring_is_in_the_database()
    {
        await using var cluster = await CreateAsync();
        var one = await cluster.StartNodeAsync();
        await cluster.SeedFundsAndStaffAsync(one);
        var login = await one.Scenario(s =>
        {
            s.Post.Json(new { userName = IntegrationContext.UserName(IntegrationContext.FundA, Roles.Admin), password = IntegrationContext.Password })
                .ToUrl("/api/auth/login").QueryString("useCookies", "true");
        });
        var cookie = login.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        cookie.ShouldStartWith("htxfund.auth=");
        var bearer = await one.Scenario(s =>
            s.Post.Json(new { userName = IntegrationContext.UserName(IntegrationContext.FundA, Roles.Director), password = IntegrationContext.Password })
                .ToUrl("/api/auth/login"));
        var token = (await bearer.ReadJson()).GetProperty("accessToken").GetString()!;

        var two = await cluster.StartNodeAsync(); // started after the sign-in: it has never seen the key in memory
        var me = await two.Scenario(s => { s.WithRequestHeader("Cookie", cookie); s.Get.Url("/api/me"); });
        (await me.Read<MeResponse>()).UserName.ShouldBe("daklak.admin");
        var meByToken = await two.Scenario(s => { s.WithRequestHeader("Authorization", $"Bearer {token}"); s.Get.Url("/api/me"); });
        (await meByToken.Read<MeResponse>()).UserName.ShouldBe("daklak.director");

        // Both nodes read the key ring from the database table, not from a folder of their machine.
        static IEnumerable<Guid> Keys(IAlbaHost host) =>
            host.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).Order();
        host(one).ShouldBeOfType<PostgresXmlRepository>();
        host(two).ShouldBeOfType<PostgresXmlRepository>();
        Keys(two).ShouldBe(Keys(one));
        (await Scalar(cluster, "SELECT count(*) FROM htxfund.data_protection_keys")).ShouldBe(Keys(one).Count());
        output.WriteLine($"{Keys(one).Count()} key(s) in htxfund.data_protection_keys");

        static object? host(IAlbaHost h) => h.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
    }
}
