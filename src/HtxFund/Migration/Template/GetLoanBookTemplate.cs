using HtxFund.Files;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Migration.Template;

public static class GetLoanBookTemplateEndpoint
{
    public const string FileName = "mau-nhap-so-cho-vay.xlsx";

    /// <summary>The loan book template (XLSX, the version the reader takes): the instructions sheet with the template
    /// version and the cut-over date cell, then the sheets of cooperatives, members, loans, the fund's own schedule
    /// rows, tranches, repayments and collateral, each with Vietnamese headers, data validation lists and an example row.</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [WolverineGet("/api/loan-book/template.xlsx", OperationId = "getLoanBookTemplate")]
    [Tags("Nhập sổ cho vay")]
    [Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public static IResult Get() =>
        Results.File(LoanBookTemplateWriter.Write(), FileKind.Xlsx.ContentType(), FileName);
}
