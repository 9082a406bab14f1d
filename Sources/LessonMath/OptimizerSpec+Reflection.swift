/// An optimizer reflects as its kind, its hyper-parameters by name (nesterov as 0 or 1) and
/// its own rate: the form outputs' fingerprints have hashed since before the settings were
/// typed (Render's `Fingerprint.canonical` reflects the scene), so a render of the same
/// scene keeps the same fingerprint and committed outputs stay fresh.
extension OptimizerSpec: CustomReflectable {
    public var customMirror: Mirror {
        var parameters: [String: Double] = [:]
        for (name, value) in hyperparameters {
            switch value {
            case .number(let number): parameters[name.rawValue] = number
            case .flag(let flag): parameters[name.rawValue] = flag ? 1 : 0
            }
        }
        return Mirror(self, children: ["kind": kind, "parameters": parameters, "rate": rate as Any], displayStyle: .struct)
    }
}
