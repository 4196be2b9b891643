namespace HtxFund.Lending; public static class Placeholder {}
