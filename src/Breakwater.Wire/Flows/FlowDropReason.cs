namespace Breakwater.Wire.Flows;

/// <summary>Why a flow datagram, or part of one, was not turned into traffic records. Counted per reason.</summary>
public enum FlowDropReason : byte
{
    None = 0,
    DatagramTooShort,
    UnsupportedVersion,
    CountMismatch,
    SampleLengthInvalid,
    RecordLengthInvalid,
    AgentAddressTypeUnknown,
    TooManySamples,
    SetLengthInvalid,
    TemplateInvalid,
    TemplateMissing,
    TemplateLimit,
}
