// How the engine's typed errors read to a user.
// TRANSITIONAL: these forward to the wording still inside the engine modules.

import Datasets
import Lab
import Networks
import Search

extension DataError: Refusal {
    public var message: String { description }
}

extension SearchError: Refusal {
    public var message: String { description }
}

extension NetworkError: Refusal {}

extension LabError: Refusal {}

extension SafetensorsError: Refusal {
    public var message: String { description }
}
