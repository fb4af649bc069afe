namespace Breakwater.Wire.Bgp;

/// <summary>Why a FlowSpec NLRI was rejected (RFC 8955 §4.2: such an NLRI is malformed).</summary>
public enum FlowSpecFault : byte
{
    None,

    /// <summary>The NLRI length runs past the data: the rest of the field cannot be located.</summary>
    Truncated,

    /// <summary>A component runs past the end of its NLRI.</summary>
    ComponentTruncated,

    /// <summary>Components not in strictly increasing type order.</summary>
    BadOrder,

    /// <summary>A type that this family does not define.</summary>
    UnknownType,

    /// <summary>A prefix longer than the family allows, or an IPv6 offset past the length.</summary>
    BadPrefix,

    /// <summary>A reserved operator bit set, or a value length that the component does not allow.</summary>
    BadOperator,

    /// <summary>An NLRI with no components.</summary>
    Empty,
}
