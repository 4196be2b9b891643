using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Reports.Activity;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Reports.Fixtures;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Reports;

/// <summary>The periodic reports name the fund's superior body as its letters do: a superior body configured for the
/// fund (<c>HtxFund:Letterheads:{fundId}:SuperiorBody</c>) heads the report's PDF.</summary>
public sealed class printing_the_funds_letterhead_on_periodic_reports(AppFixture fixture) : PeriodicReportsContext(fixture)
{
    [Fact]
    public async Task a_superior_body_configured_for_the_fund_heads_the_activity_report()
    {
        const string superior = "SỞ TÀI CHÍNH TỈNH ĐẮK LẮK";
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(Host.Services.GetRequiredService<IConfiguration>())
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"HtxFund:Letterheads:{FundA}:SuperiorBody"] = superior })
            .Build();

        var report = await GenerateActivityReportHandler.Handle(new GenerateActivityReport(FundA, "2026-H1", Actor.System, Scheduled: false),
            Host.Services.GetRequiredService<IDocumentStore>(), Host.Services.GetRequiredService<BusinessTime>(), configuration,
            CancellationToken.None);

        var pdf = PdfTools.Text(await Download(report.Id, "pdf"));
        pdf.ShouldContain(superior);
        pdf.ShouldContain("BÁO CÁO TÌNH HÌNH CHO VAY 6 THÁNG ĐẦU NĂM 2026");
    }
}
