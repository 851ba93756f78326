namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>logFile/@period</c>: when a site's access log rolls over to a new file.</summary>
public enum LogPeriod
{
    /// <summary>One file per day, u_exYYMMDD.log (IIS's default).</summary>
    Daily,

    /// <summary>One file per hour, u_exYYMMDDHH.log.</summary>
    Hourly,

    /// <summary>A new file when the current one reaches truncateSize: u_extend1.log, u_extend2.log, …</summary>
    MaxSize,

    /// <summary>One file per week (weeks start on Sunday), u_exYYMMWW.log with WW the week of the month.</summary>
    Weekly,

    /// <summary>One file per month, u_exYYMM.log.</summary>
    Monthly,
}
