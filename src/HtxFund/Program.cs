using HtxFund.Accounting;
using HtxFund.Accounting.Accrual;
using HtxFund.Applications;
using HtxFund.Borrowers;
using HtxFund.Capital;
using HtxFund.Collateral;
using HtxFund.Collections;
using HtxFund.Inspections;
using HtxFund.Cooperatives;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Infrastructure.Health;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Jobs;
using HtxFund.Infrastructure.Nodes;
using HtxFund.Infrastructure.Observability;
using HtxFund.Infrastructure.OpenApi;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Migration.Reading;
using HtxFund.Migration.Uploading;
using HtxFund.Notices;
using HtxFund.Plans;
using HtxFund.Policy;
using HtxFund.Reports;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Reminders;
using HtxFund.Classification;
using HtxFund.Web;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);

builder.AddHtxFundObservability();
builder.Services.AddHtxFundTime(builder.Configuration, builder.Environment);
builder.Services.AddHtxFundHttp();
builder.Services.AddHtxFundOpenApi();
builder.Services.AddHtxFundIdentity(builder.Configuration);
builder.AddHtxFundPersistence(opts =>
{
    opts.ConfigureIdentity();
    opts.ConfigureFunds();
    opts.ConfigureCooperatives();
    opts.ConfigurePolicy();
    opts.ConfigureCapital();
    opts.ConfigureBorrowers();
    opts.ConfigureFiles();
    opts.ConfigureApplications();
    opts.ConfigureLoans();
    opts.ConfigureCollateral();
    opts.ConfigureInspections();
    opts.ConfigureCollections();
    opts.ConfigureAccounting();
    opts.ConfigureClassification();
    opts.ConfigureReportArchive();
    opts.ConfigurePlans();
    opts.ConfigureReminders();
    opts.ConfigureNotices();
    opts.ConfigureJobs();
    opts.ConfigureIdempotency();
    opts.ConfigureLoanBookImports();
    opts.ConfigureDataProtectionKeys();
});
builder.Services.AddHtxFundApplications();
builder.Services.AddHtxFundLoans();
builder.Services.AddSingleton(LoanBookLimits.From(builder.Configuration));
builder.Services.AddHtxFundReports();
builder.Services.AddHtxFundClassification();
builder.Services.AddHtxFundInterestAccrual();
builder.Services.AddHtxFundPeriodicReports();
builder.Services.AddHtxFundReminders(builder.Configuration);
builder.Services.AddHtxFundNotices(builder.Configuration);
builder.Services.AddHtxFundCollections(builder.Configuration);
builder.AddHtxFundJobs();
builder.Services.AddHtxFundHealth();
builder.Services.AddHtxFundNodes();
builder.Services.AddHtxFundWeb();

var app = builder.Build();

ApplicationPipeline.CaptureRequestPipeline(app);

app.UseHtxFundHttp();
app.UseHtxFundWebStatic();
app.UseHtxFundIdentity();
app.MapHtxFundEndpoints();
app.MapHtxFundPages();
app.MapHtxFundOpenApi();
app.MapHtxFundHealth();
app.MapHtxFundJobs();

return await app.RunJasperFxCommands(args);

public partial class Program;
