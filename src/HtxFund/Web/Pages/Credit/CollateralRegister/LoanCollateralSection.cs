using HtxFund.Collateral.Reading;

namespace HtxFund.Web.Pages.Credit.CollateralRegister;

/// <summary>The collateral section of the application page: the loan's collateral, whether the user may exempt the
/// application from the minimum coverage (the Director), and the application's version the form sends.</summary>
public sealed record LoanCollateralSection(LoanCollateralView View, bool MayExempt, long Version);
